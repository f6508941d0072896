import {
  IdentifierNode,
  OperationNodeTransformer,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type TableNode,
  type UnknownRow,
} from 'kysely';

class TableRenamer extends OperationNodeTransformer {
  constructor(private readonly names: Readonly<Record<string, string>>) {
    super();
  }

  protected override transformTable(node: TableNode, queryId?: Parameters<OperationNodeTransformer['transformNode']>[1]): TableNode {
    const transformed = super.transformTable(node, queryId);
    const physical = this.names[transformed.table.identifier.name];
    if (!physical) return transformed;
    return { ...transformed, table: { ...transformed.table, identifier: IdentifierNode.create(physical) } };
  }
}

/**
 * Projections are written against logical table names (`tickets`); each generation of a
 * projection lives in its own physical tables (`tickets_g3`) so a rebuild writes beside the live
 * ones. This plugin renames the tables of every query, so one typed query serves every generation.
 */
export class TableRenamerPlugin implements KyselyPlugin {
  private readonly transformer: TableRenamer;

  constructor(names: Readonly<Record<string, string>>) {
    this.transformer = new TableRenamer(names);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node, args.queryId);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** `tickets` -> `tickets_g3` for every table of a projection. */
export const physicalNames = (tables: readonly string[], generation: number): Record<string, string> =>
  Object.fromEntries(tables.map((t) => [t, `${t}_g${generation}`]));
