import type { GraphQLArgument, GraphQLField, GraphQLInputField, GraphQLInputType, GraphQLResolveInfo, GraphQLSchema } from 'graphql';

type Values = Record<string, unknown>;

/**
 * The fields of an input object type (or of its non-null form), else null. Structural rather than graphql's
 * isInputObjectType: Apollo runs graphql's CommonJS build and this module its ES build, whose instanceof
 * checks reject each other's types (see plugins/query-cost.ts).
 */
function inputObjectFields(type: GraphQLInputType): GraphQLInputField[] | null {
  const named = String(type).endsWith('!') && 'ofType' in type ? type.ofType : type;
  return 'getFields' in named ? Object.values(named.getFields()) : null;
}

/**
 * An argument (or input field) given as an explicit null, where the schema declares a default, takes the
 * default, as if it had been left out: defaults live in server/schema.graphql alone, and resolvers and the
 * domain receive what the generated types promise.
 */
function withDefaults(values: Values, fields: readonly (GraphQLArgument | GraphQLInputField)[]): Values {
  let filled: Values | null = null;
  for (const field of fields) {
    const value = values[field.name];
    let replacement = value;
    if (value === null && field.defaultValue !== undefined) replacement = field.defaultValue;
    const inputFields = inputObjectFields(field.type);
    if (inputFields && replacement && typeof replacement === 'object' && !Array.isArray(replacement)) {
      replacement = withDefaults(replacement as Values, inputFields);
    }
    if (replacement !== value) {
      filled ??= { ...values };
      filled[field.name] = replacement;
    }
  }
  return filled ?? values;
}

export function argumentsWithDefaults<Args extends object>(args: Args, info: Pick<GraphQLResolveInfo, 'parentType' | 'fieldName'>): Args {
  const field: GraphQLField<unknown, unknown> | undefined = info.parentType.getFields()[info.fieldName];
  return field ? (withDefaults(args as Values, field.args) as Args) : args;
}

/** The default the schema declares for a whole-number argument of a Query field. */
export function queryArgumentDefault(schema: GraphQLSchema, fieldName: string, argumentName: string): number {
  const field = schema.getQueryType()?.getFields()[fieldName];
  const value = field?.args.find((argument) => argument.name === argumentName)?.defaultValue;
  if (typeof value !== 'number') throw new Error(`schema.graphql declares no whole-number default for Query.${fieldName}(${argumentName})`);
  return value;
}

type FieldResolver = (parent: unknown, args: object, context: unknown, info: GraphQLResolveInfo) => unknown;

/** Wraps every resolver of a root type (Query, Mutation) so that it sees the schema's defaults for explicit nulls. */
export function withSchemaDefaults<Resolvers extends object>(resolvers: Resolvers): Resolvers {
  return Object.fromEntries(
    Object.entries(resolvers).map(([name, resolve]) => [
      name,
      typeof resolve === 'function'
        ? (parent: unknown, args: object, context: unknown, info: GraphQLResolveInfo) =>
            (resolve as FieldResolver)(parent, argumentsWithDefaults(args, info), context, info)
        : resolve,
    ]),
  ) as Resolvers;
}
