/**
 * The condition language: json-logic compiled once to closures (in memory) and to parameterised SQL.
 * Contract (implemented in this package):
 *
 *   createLogic(options?) -> { compile(expr) -> (data) => value, apply(expr, data) }
 *   compileToSql(expr, resolve) -> kysely RawBuilder (a predicate, or a value with `compileValueToSql`)
 *     resolve(varName) -> { sql: RawBuilder, type: SqlType } | undefined ; undefined = unknown var
 *     throws LogicError('ERR_LOGIC_UNSUPPORTED_IN_SQL', …) for anything it cannot translate exactly
 *   checkLogic(expr, { vars?, maxDepth? }) -> Problem[]  (unknown operators, unknown vars, too deep)
 */
export {};
