import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { InvalidInputError } from '../../kernel/errors';
import { MAX_PAGE_SIZE } from '../../domain/read/pagination';
import { fromGlobalId } from '../common/global-id';
import { Node } from '../common/node';
import type { Context } from '../context';
import { NODE_LOADERS } from './node-types';
import { readingSite } from './read-helpers';

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Any object by its global id; null for a malformed id, an unknown type or another site\'s object.',
  })
  node(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Node | null> {
    readingSite(ctx);
    return loadNode(ctx, id);
  }

  @Query(() => [Node], { nullable: 'itemsAndList', description: `Several objects at once (at most ${MAX_PAGE_SIZE}), in the order asked.` })
  nodes(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: Context): Promise<(Node | null)[]> {
    readingSite(ctx);
    if (ids.length > MAX_PAGE_SIZE) throw new InvalidInputError('TOO_MANY_IDS', `ids takes at most ${MAX_PAGE_SIZE} ids`, ['ids']);
    return Promise.all(ids.map((id) => loadNode(ctx, id)));
  }
}

function loadNode(ctx: Context, globalId: string): Promise<Node | null> {
  const decoded = fromGlobalId(globalId);
  const load = decoded && Object.hasOwn(NODE_LOADERS, decoded.type) ? NODE_LOADERS[decoded.type] : undefined;
  return load ? load(ctx, decoded!.id) : Promise.resolve(null);
}
