// electron-builder afterPack hook: flips the Electron fuses of the packaged binary before it is
// signed (SECURITY.md "The desktop shell"). Check a package with
//   npx @electron/fuses read --app "release/linux-unpacked/cds-companion"
// (the .app bundle on macOS, the .exe on Windows).
const path = require('node:path');
const { FuseV1Options, FuseVersion, flipFuses } = require('@electron/fuses');

/** The fuse wire of every package; strict, so a fuse added by a future Electron must be decided. */
function fuseConfig(platform) {
  return {
    version: FuseVersion.V1,
    strictlyRequireAllFuses: true,
    // Flipping fuses breaks the ad-hoc signature of an unsigned macOS (arm64) build; re-sign it.
    resetAdHocDarwinSignature: platform === 'darwin' || platform === 'mas',
    // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node runtime.
    [FuseV1Options.RunAsNode]: false,
    // Cookies and other Chromium storage encrypted with an OS-protected key.
    [FuseV1Options.EnableCookieEncryption]: true,
    // NODE_OPTIONS and --inspect would let anyone with a shell inject code into the main process.
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    // app.asar is verified against the hash embedded at build time and is the only app source.
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    // The renderer is served over app://, never file://: file: pages get no extra privileges.
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

/** Where electron-builder put the Electron executable for this platform. */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const productFilename = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${productFilename}.app`, 'Contents', 'MacOS', productFilename);
    case 'win32':
      return path.join(appOutDir, `${productFilename}.exe`);
    default:
      return path.join(appOutDir, packager.executableName);
  }
}

async function afterPack(context, flip = flipFuses) {
  const binary = electronBinaryPath(context);
  await flip(binary, fuseConfig(context.electronPlatformName));
}

exports.default = afterPack;
exports.afterPack = afterPack;
exports.fuseConfig = fuseConfig;
exports.electronBinaryPath = electronBinaryPath;
