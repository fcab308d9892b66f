import type { CodegenConfig } from '@graphql-codegen/cli';

// Paths are relative to the repository root: run `graphql-codegen --config web/codegen.ts` from there.
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['web/src/**/*.{ts,tsx}', '!web/src/generated/**', '!web/src/**/*.spec.{ts,tsx}'],
  ignoreNoDocuments: true,
  generates: {
    'web/src/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: false,
        scalars: { DateTimeISO: 'string', ID: 'string' },
      },
    },
  },
};

export { config as default };
