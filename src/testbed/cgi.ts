/** Parses a CGI program's output (headers, a blank line, the body) into an HTTP response. */
export interface CgiResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export function parseCgiResponse(output: Buffer): CgiResponse {
  let end = output.indexOf('\r\n\r\n');
  let sepLength = 4;
  const lf = output.indexOf('\n\n');
  if (end < 0 || (lf >= 0 && lf < end)) {
    end = lf;
    sepLength = 2;
  }
  if (end < 0)
    return { status: 502, headers: { 'Content-Type': 'text/plain' }, body: Buffer.from('bad CGI output\n') };
  const headers: Record<string, string> = {};
  let status = 200;
  for (const line of output.subarray(0, end).toString().split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (key.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 200;
    else headers[key] = value;
  }
  return { status, headers, body: output.subarray(end + sepLength) };
}
