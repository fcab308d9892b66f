import type { ApolloServerPlugin } from '@apollo/server';
import { VIEWER_REQUIRED_STATUS } from '../graphql/common/errors';
import type { GraphQLContext } from '../graphql/context';

/**
 * An operation that needs a viewer and has none (no token, or a bad one) fails as a whole: the auth
 * checker's error sets 401, and the response then carries no `data`. GraphQL over HTTP requires a 2xx
 * whenever `data` is present and not null, so the fields that resolved anyway (say `systemInfo` next to
 * `me`) are dropped rather than sent with a 401. Every other error stays a field error (200, `data`).
 */
export const viewerRequiredResponses: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.http.status !== VIEWER_REQUIRED_STATUS || response.body.kind !== 'single') return;
        const { data: _data, ...rest } = response.body.singleResult;
        response.body.singleResult = rest;
      },
    };
  },
};
