export interface GraphQLResult<T> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** A tiny GraphQL-over-HTTP client for setup and verification (the load itself goes through the drivers). */
export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResult<T>, 'status'>;
  return { status: response.status, ...body };
}

export async function login(graphqlUrl: string, email: string, password: string): Promise<string> {
  const result = await gql<{ login: { accessToken: string } }>(
    graphqlUrl,
    'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
    { email, password },
  );
  const token = result.data?.login.accessToken;
  if (!token) throw new Error(`login failed: ${JSON.stringify(result.errors ?? result.status)}`);
  return token;
}

