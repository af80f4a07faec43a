import { Kind, type GraphQLError } from 'graphql';
import { scrubText } from '../../security/scrub';

/**
 * graphql-js echoes the offending input in coercion, literal and syntax errors (`Variable "$n" got invalid
 * value "4111111111111111"; …`). A card number or CVV sent in the wrong place would come straight back, and
 * Luhn-based masking misses mistyped numbers, so the echoed value is removed from every such message,
 * whatever it looks like. What stays is the variable, the path and the expected type.
 */
export function clientSafeMessage(error: GraphQLError): string {
  // Apollo's wording tells a caller which server and which option to look for.
  if (error.extensions?.validationErrorCode === 'INTROSPECTION_DISABLED') return 'Introspection is disabled on this server.';
  return scrubText(withoutEchoedValue(error));
}

const VARIABLE = /^Variable "(\$\w+)" got invalid value /;
const ARGUMENT = /^(Argument "[^"]+" has invalid value) [\s\S]*$/;
const VALUE_KINDS = new Set<string>([Kind.INT, Kind.FLOAT, Kind.STRING, Kind.BOOLEAN, Kind.ENUM, Kind.LIST, Kind.OBJECT]);

function withoutEchoedValue(error: GraphQLError): string {
  const message = withoutSuggestions(error.message);
  const variable = VARIABLE.exec(message);
  if (variable) return variableMessage(variable[1], message, error.originalError);
  if (message.startsWith('Syntax Error:')) return message.replace(/\b(Int|Float|String|BlockString|Name) "[\s\S]*"/, '$1');
  if (ARGUMENT.test(message)) return message.replace(ARGUMENT, '$1.');
  if (error.nodes?.some((node) => VALUE_KINDS.has(node.kind))) return valueFreeReason(message);
  return message;
}

/**
 * graphql-js builds `Variable "$v" got invalid value <value>[ at "<path>"]; <reason>` and keeps the reason as
 * originalError, so the value can be cut out exactly instead of guessed at. Anything unexpected fails closed.
 */
function variableMessage(name: string, message: string, cause: Error | undefined): string {
  const reason = cause && withoutSuggestions(cause.message);
  if (!reason || !message.endsWith(`; ${reason}`)) return `Variable "${name}" got an invalid value.`;
  const head = message.slice(0, message.length - reason.length - 2);
  const at = / at "\$?[\w.[\]]+"$/.exec(head)?.[0] ?? '';
  return `Variable "${name}" got invalid value${at}; ${valueFreeReason(reason)}`;
}

/** graphql-js reasons reduced to their value-free part; anything not listed (custom scalars) is dropped. */
const VALUE_FREE: [RegExp, string][] = [
  [/^Expected type "[^"]+" to be an object\./, '$&'],
  [/^Expected type "[^"]+"\./, '$&'],
  [/^(Expected value of type "[^"]+"), found [\s\S]*$/, '$1.'],
  [/^Enum "(\w+)" cannot represent [\s\S]*$/, 'Expected type "$1".'],
  [/^(\w+) cannot represent [\s\S]*$/, 'Expected type "$1".'],
  [/^Value [\s\S]* does not exist in "(\w+)" enum\.$/, 'Value does not exist in "$1" enum.'],
  [/^Field "\w+" of required type "[^"]+" was not provided\./, '$&'],
  [/^Field "[^"]*" is not defined by type "[^"]+"\./, '$&'],
  [/^Exactly one key must be specified for OneOf type "[^"]+"\./, '$&'],
  [/^OneOf Input Object "[^"]+" must specify exactly one key\./, '$&'],
  [/^Field "[\w.]+" must be non-null\./, '$&'],
];

function valueFreeReason(reason: string): string {
  for (const [pattern, replacement] of VALUE_FREE) {
    const match = pattern.exec(reason);
    if (match) return match[0].replace(pattern, replacement);
  }
  return 'Invalid value.';
}

/** Apollo removes suggestions from validation errors only; coercion errors suggest field and enum names too. */
function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean [\s\S]*$/, '');
}
