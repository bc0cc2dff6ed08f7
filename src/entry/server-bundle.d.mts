/** Types of server-bundle.mjs (plain JavaScript so that it runs before anything can strip types). */
export declare const ROOT: string;
export declare const BUNDLE: string;
export declare const COMPILE_CACHE: string;
/** True when the bundle is missing or older than one of its inputs. */
export declare function bundleIsStale(): boolean;
/** Builds the bundle with esbuild; false (nothing built) when esbuild is not installed. */
export declare function buildBundle(): Promise<boolean>;
