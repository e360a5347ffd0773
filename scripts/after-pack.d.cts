import type { FuseConfig } from '@electron/fuses';

/** The parts of electron-builder's AfterPackContext the hook reads. */
export interface AfterPackContext {
  readonly appOutDir: string;
  readonly electronPlatformName: string;
  readonly packager: {
    readonly appInfo: { readonly productFilename: string };
    readonly executableName: string;
  };
}

export type FlipFuses = (pathToElectron: string, config: FuseConfig) => Promise<number>;

export declare function fuseConfig(platform: string): FuseConfig;
export declare function electronBinaryPath(context: AfterPackContext): string;
export declare function afterPack(context: AfterPackContext, flip?: FlipFuses): Promise<void>;
