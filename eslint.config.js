// ESLint decides correctness, Prettier decides layout (eslint-config-prettier, last, turns
// every layout rule off). Type-aware: rules read the types of tsconfig.json's program.
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import {defineConfig} from 'eslint/config'
import tseslint from 'typescript-eslint'

// Data from files and HTTP is `any`/`unknown` until a type guard has looked at it: a cast
// would make the compiler trust a shape nobody checked.
const uncheckedCasts = [
  {
    selector:
      ":matches(TSAsExpression, TSTypeAssertion)[typeAnnotation.type!='TSUnknownKeyword'] > CallExpression[callee.object.name='JSON'][callee.property.name='parse']",
    message: 'JSON.parse(...) as X trusts an unchecked shape: pass the value to a validating function (type guard).',
  },
  {
    selector: ":matches(TSAsExpression, TSTypeAssertion) > :matches(TSAsExpression, TSTypeAssertion)[typeAnnotation.type='TSUnknownKeyword']",
    message: 'x as unknown as Y silences the compiler: narrow with a type guard instead.',
  },
]

export default defineConfig(
  {ignores: ['dist/', 'node_modules/', 'oclif.manifest.json']},
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      // tsconfig.json covers src/ and test/; the JavaScript files get a default program.
      parserOptions: {
        projectService: {
          allowDefaultProject: ['eslint.config.js', 'bin/*.js', 'bin/*.cjs', 'test/*.mjs', 'scripts/*.mjs', 'scripts/*.cjs'],
          // typescript-eslint's default of 8 is a guard against globs that match a whole tree; these are a dozen small files
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 16,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Numbers (status codes, seconds, counts) print as written; objects and undefined stay forbidden.
      '@typescript-eslint/restrict-template-expressions': ['error', {allowNumber: true}],
      // `async` marks an implementation of a Promise-returning shape (Prompter, hooks, output steps)
      // and turns a throw into a rejection, so an async function that awaits nothing is deliberate.
      '@typescript-eslint/require-await': 'off',
      // One-line callbacks that forward to a void function, `(line) => write(line)`, are the house style.
      '@typescript-eslint/no-confusing-void-expression': ['error', {ignoreArrowShorthand: true}],
      // `const {host: _host, ...rest} = x` drops a key on purpose: a leading _ says "unused, deliberately".
      '@typescript-eslint/no-unused-vars': ['error', {varsIgnorePattern: '^_', argsIgnorePattern: '^_', ignoreRestSiblings: true}],
    },
  },
  {
    files: ['bin/*.js', 'test/*.mjs'],
    // Plain JavaScript has no TypeScript to know Node's globals.
    languageOptions: {globals: {process: 'readonly', URL: 'readonly'}},
  },
  {
    files: ['bin/*.cjs', 'scripts/*.cjs'],
    languageOptions: {sourceType: 'commonjs', globals: {process: 'readonly', require: 'readonly'}},
    // the CommonJS entry loads the bundled fast path with require(), which has no types to check
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  {
    files: ['src/**', 'bin/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'error',
      'no-restricted-syntax': ['error', ...uncheckedCasts],
    },
  },
  {
    files: ['test/**'],
    rules: {
      // A test states what it expects; a failing `!` is a failing test, not a crash in a user's hands.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // Tests assert on parsed CLI output and on the fake's raw requests directly; a wrong shape fails the assertion.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/restrict-plus-operands': 'off',
      // The fake is defensive against the product's bad requests, which its types cannot express.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-unnecessary-type-conversion': 'off',
      '@typescript-eslint/no-meaningless-void-operator': 'off',
      // The fake's types list the values Okta documents next to `string`, for the reader.
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      // Tests count terminal columns by code point and match exact spacing.
      '@typescript-eslint/no-misused-spread': 'off',
      'no-regex-spaces': 'off',
      // `.catch((e) => e)` hands the rejection to an assertion, which checks what it is.
      '@typescript-eslint/use-unknown-in-catch-callback-variable': 'off',
      // Fakes drop entries by the key a request names, as the services they stand in for do.
      '@typescript-eslint/no-dynamic-delete': 'off',
    },
  },
  prettier,
)
