/**
 * Prosody 0.12 ships no XEP-0156 host-meta (the community's mod_host_meta is not packaged), so
 * the lab writes its own small module: both forms, built per virtual host from its BOSH and
 * WebSocket paths. CORS headers come from mod_http's defaults, as for mod_bosh.
 */
export const HOST_META_MODULE = 'lab_host_meta';

export function renderHostMetaModule(port: number, paths: { bosh: string; websocket: string }): string {
  const lua = (value: string) => JSON.stringify(value);
  return `-- Written by xmpp-gauntlet's lab: XEP-0156 host-meta for this virtual host.
local origin = "https://" .. module.host .. ":" .. ${port};
local bosh, websocket = origin .. ${lua(paths.bosh)}, "wss://" .. module.host .. ":" .. ${port} .. ${lua(paths.websocket)};
local xrd = "<?xml version='1.0' encoding='utf-8'?>\\n<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>"
  .. "<Link rel='urn:xmpp:alt-connections:xbosh' href='" .. bosh .. "'/>"
  .. "<Link rel='urn:xmpp:alt-connections:websocket' href='" .. websocket .. "'/></XRD>";
local json = '{"links":[{"rel":"urn:xmpp:alt-connections:xbosh","href":"' .. bosh .. '"},'
  .. '{"rel":"urn:xmpp:alt-connections:websocket","href":"' .. websocket .. '"}]}';
module:depends("http");
module:provides("http", {
  default_path = "/.well-known";
  route = {
    ["GET /host-meta"] = function (event)
      event.response.headers.content_type = "application/xrd+xml";
      return xrd;
    end;
    ["GET /host-meta.json"] = function (event)
      event.response.headers.content_type = "application/json";
      return json;
    end;
  };
});
`;
}
