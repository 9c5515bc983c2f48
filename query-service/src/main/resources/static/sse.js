// Server-Sent Events over fetch(): /v1/answer/stream is a POST with a token, which EventSource cannot send.

/**
 * A server-sent-events parser for a fetch() body (EventSource can neither POST nor send a token). Chunks may split
 * an event, a line or a "\r\n" anywhere; lines may end in "\r\n", "\n" or "\r", as the SSE format allows.
 */
export function sseParser(onEvent) {
  let buffer = '';
  let type = '';
  let data = [];
  const line = (text) => {
    if (text === '') {
      if (data.length) onEvent(type || 'message', data.join('\n'));
      type = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return; // a comment, e.g. a keep-alive
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? '' : text.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
  };
  // last: the stream has ended, so a final "\r" is a whole line end, not half of a "\r\n".
  return (chunk, last = false) => {
    buffer += chunk;
    const ends = /\r\n|\r|\n/g;
    let start = 0;
    for (let match = ends.exec(buffer); match; match = ends.exec(buffer)) {
      if (match[0] === '\r' && match.index === buffer.length - 1 && !last) break; // maybe half of a "\r\n"
      line(buffer.slice(start, match.index));
      start = ends.lastIndex;
    }
    buffer = buffer.slice(start);
  };
}

/** Feeds a fetch() body to a parser, chunk by chunk, telling it when the stream has ended. */
export async function readEvents(body, feed) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      feed(decoder.decode(), true);
      return;
    }
    feed(decoder.decode(value, { stream: true }));
  }
}


