/**
 * Undo/redo as a stack of reversible commands. Each canvas action (add, hide, pin, remove, move)
 * records how to undo and redo itself, so the stack knows nothing about Cytoscape.
 */
export interface Command {
  label: string;
  undo: () => void;
  redo: () => void;
}

export class UndoStack {
  private done: Command[] = [];
  private undone: Command[] = [];

  constructor(private readonly limit = 200) {}

  /** Records a command that has just been carried out; a new action forgets what was undone. */
  push(command: Command): void {
    this.done.push(command);
    if (this.done.length > this.limit) this.done.shift();
    this.undone = [];
  }

  undo(): Command | undefined {
    const command = this.done.pop();
    if (!command) return undefined;
    command.undo();
    this.undone.push(command);
    return command;
  }

  redo(): Command | undefined {
    const command = this.undone.pop();
    if (!command) return undefined;
    command.redo();
    this.done.push(command);
    return command;
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  clear(): void {
    this.done = [];
    this.undone = [];
  }
}
