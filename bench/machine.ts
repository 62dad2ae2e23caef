/** Facts about the machine a run measured, and peak memory of the processes involved. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../server/config.js';

export interface MachineFacts {
  cpus: number;
  cpu_model: string;
  memory_gb: number;
  os: string;
  node: string;
  java: string;
  neo4j: string | null;
  chromium: string | null;
  cytoscape: string;
  /** The code measured: HEAD and how many files differ from it (others may be editing the working tree). */
  git: { commit: string | null; changed_files: number | null };
}

function packageVersion(name: string): string {
  const file = path.join(projectRoot, 'node_modules', name, 'package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

export function machineFacts(): MachineFacts {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const javaLine = `${java.stderr ?? ''}${java.stdout ?? ''}`.split('\n').find((line) => line.includes('version')) ?? 'unknown';
  return {
    cpus: os.cpus().length,
    cpu_model: os.cpus()[0]?.model.trim() ?? 'unknown',
    memory_gb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    java: javaLine.trim(),
    neo4j: null,
    chromium: null,
    cytoscape: packageVersion('cytoscape'),
    git: gitState(),
  };
}

function gitState(): MachineFacts['git'] {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot, encoding: 'utf8' });
  const status = spawnSync('git', ['status', '--porcelain'], { cwd: projectRoot, encoding: 'utf8' });
  return {
    commit: head.status === 0 ? head.stdout.trim() : null,
    changed_files: status.status === 0 ? status.stdout.split('\n').filter(Boolean).length : null,
  };
}

/** Peak resident memory (VmHWM) of a live process, in MB; null when it is gone or /proc is absent. */
export function peakMemoryMb(pid: number): number | null {
  return statusMb(pid, 'VmHWM');
}

/**
 * Starts a new peak for `peakMemoryMb` (Linux: 5 written to /proc/<pid>/clear_refs sets VmHWM to the RSS now), so a
 * phase's own peak can be read at its end; false where that is not possible.
 */
export function resetPeakMemory(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Resident memory (VmRSS) of a live process now, in MB; null when it is gone or /proc is absent. */
export function residentMemoryMb(pid: number): number | null {
  return statusMb(pid, 'VmRSS');
}

function statusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** This process's peak resident memory, in MB. */
export function ownPeakMemoryMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
