export declare const SERVER_HEAP_LIMIT_MB: number;
export declare function serverNodeFlags(env?: NodeJS.ProcessEnv): string[];
