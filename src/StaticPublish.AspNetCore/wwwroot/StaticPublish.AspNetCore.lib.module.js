// A Blazor JS initializer. The SDK lists every *.lib.module.js of a referenced library in the app's
// {App}.modules.json, and blazor.web.js imports each before it starts anything (through the import map, which
// AddStaticPublish() points at the CDN copy).
//
// Why it exists: the .NET WebAssembly runtime fetches the client's wwwroot/appsettings*.json from beside dotnet.js
// with credentials: 'include'. When dotnet.js comes from the CDN, that is a credentialed cross-origin request, which
// a CORS answer of '*' (or a store that never sends Access-Control-Allow-Credentials, such as Ceph RGW) fails. The
// app serves the same files itself (MapStaticAssets), so they are fetched from the app's origin instead, with the
// credentials the runtime asks for, as they would be without a CDN. Every other resource keeps its CDN URL.

const appSettings = /(^|\/)appsettings(\.[^/]+)?\.json$/;

// beforeWebStart, not beforeWebAssemblyStart: blazor.web.js hands options.webAssembly.loadBootResource to the runtime
// before the runtime loads its config, and calls beforeWebAssemblyStart only once the config has loaded.
export function beforeWebStart(options) {
  const webAssembly = options.webAssembly ??= {};
  const configured = webAssembly.loadBootResource;
  webAssembly.loadBootResource = (type, name, defaultUri, integrity, behavior) => {
    const chosen = configured?.(type, name, defaultUri, integrity, behavior);
    if (chosen !== undefined && chosen !== null) {
      return chosen;
    }

    return type === 'configuration' && appSettings.test(name) ? fromAppOrigin(name, defaultUri) : undefined;
  };
}

// The runtime names appsettings relative to _framework/ (e.g. '../appsettings.json'); the app serves _framework/
// under its base URL.
function fromAppOrigin(name, defaultUri) {
  if (new URL(defaultUri, document.baseURI).origin === location.origin) {
    return undefined;
  }

  return new URL(name, new URL('_framework/', document.baseURI)).toString();
}
