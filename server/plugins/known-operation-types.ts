import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/**
 * Refuses an operation type the schema does not define (this API has no subscriptions) while the query is
 * validated, as graphql-js 17's KnownOperationTypesRule does. graphql-js 16 lets it through to execution,
 * where it fails as an unexpected error (INTERNAL_SERVER_ERROR) instead of the client's mistake it is.
 */
export function knownOperationTypes(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (!context.getSchema().getRootType(node.operation)) {
        context.reportError(new GraphQLError(`This API has no ${node.operation} operations; send a query or a mutation.`, { nodes: node }));
      }
    },
  };
}
