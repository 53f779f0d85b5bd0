/**
 * The condition language: json-logic compiled once to closures (in memory) and to parameterised SQL,
 * with the same answers. See docs/logic.md for the operator table and the semantics decisions.
 */
export { createLogic, BUILT_IN_OPERATORS, type Logic, type LogicOptions, type CustomOperation, type Evaluate } from './create-logic';
export { compileToSql, compileValueToSql, compileTypedValueToSql, type TypedSqlValue } from './sql/compile-to-sql';
export { jsonPathResolver, type SqlType, type VarResolver, type VarResolution } from './sql/var-resolver';
export { checkLogic, type CheckLogicOptions } from './check-logic';
export { LogicError, LOGIC_ERRORS, type LogicErrorCode } from './errors';
export { truthy } from './js-semantics';
