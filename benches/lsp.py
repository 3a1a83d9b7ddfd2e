#!/usr/bin/env python3
"""Time `jixiao lsp` from didChange to its publishDiagnostics (issue 20).

    benches/lsp.py BIN FILE [EDITS]

Starts `BIN lsp`, initializes, opens FILE (didOpen, timed to its
publishDiagnostics), then sends EDITS (default 100) single-character edits,
each a didChange with one ranged change of one character, as an editor
sends it (FULL=1 in the environment: the whole text instead, for
comparison with the server before incremental sync), each timed from the first byte written to the publishDiagnostics of that
version. The edit: the last digit of an indicator's value (`≥ 348 人`) in
the middle project becomes 0, 1, …, 9 in turn, so the text stays valid.
Then BURST (environment, default 5; 0 for none) more edits sent back to
back, as fast typing would, timed to the diagnostics of the last one.
Prints one line: size, open time, p50/p99/max of the edits, how long
writing the message alone took (the pipe's share), the burst's time
and how many publishDiagnostics it brought, and the server's peak RSS. Standard library only.
"""
import json
import os
import queue
import resource
import re
import subprocess
import sys
import threading
import time


def frame(method, params, id_=None):
    msg = {"jsonrpc": "2.0", "method": method, "params": params}
    if id_ is not None:
        msg["id"] = id_
    body = json.dumps(msg, ensure_ascii=False).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def reader(out, inbox):
    while True:
        length = None
        while True:
            line = out.readline()
            if not line:
                inbox.put(None)
                return
            line = line.strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        body = out.read(length)
        now = time.perf_counter()
        inbox.put((now, json.loads(body)))


def wait_for(inbox, pred, timeout=3600):
    while True:
        item = inbox.get(timeout=timeout)
        if item is None:
            sys.exit("jixiao lsp ended early")
        now, msg = item
        if pred(msg):
            return now, msg


def pct(sorted_ms, p):
    # nearest-rank percentile
    k = max(0, min(len(sorted_ms) - 1, -(-p * len(sorted_ms) // 100) - 1))
    return sorted_ms[k]


def main():
    binary, path = sys.argv[1], sys.argv[2]
    edits = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    text = open(path, encoding="utf-8").read()
    # the edit site: an indicator value near the middle of the file
    sites = [m for m in re.finditer(r"≥ \d*(\d) ", text)]
    if not sites:
        sys.exit("no indicator value `≥ N` to edit in " + path)
    site = sites[len(sites) // 2].start(1)
    uri = "file:///bench/" + path.rsplit("/", 1)[-1]
    proc = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    inbox = queue.Queue()
    threading.Thread(target=reader, args=(proc.stdout, inbox), daemon=True).start()

    def send(data):
        proc.stdin.write(data)
        proc.stdin.flush()

    send(frame("initialize", {"processId": None, "rootUri": None, "capabilities": {}}, 1))
    wait_for(inbox, lambda m: m.get("id") == 1)
    send(frame("initialized", {}))

    is_publish = lambda v: lambda m: (m.get("method") == "textDocument/publishDiagnostics"
                                      and m["params"].get("version") == v)
    data = frame("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "jixiao", "version": 0, "text": text}})
    t0 = time.perf_counter()
    send(data)
    t1, msg = wait_for(inbox, is_publish(0))
    open_ms = (t1 - t0) * 1000
    open_diags = len(msg["params"]["diagnostics"])

    full = os.environ.get("FULL") == "1"
    line = text.count("\n", 0, site)
    col = len(text[text.rfind("\n", 0, site) + 1:site].encode("utf-16-le")) // 2
    where = {"start": {"line": line, "character": col},
             "end": {"line": line, "character": col + 1}}

    def change(k):
        if full:
            edited = text[:site] + str(k % 10) + text[site + 1:]
            return [{"text": edited}]
        return [{"range": where, "text": str(k % 10)}]

    times, writes, diags = [], [], set()
    for k in range(1, edits + 1):
        data = frame("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": k},
            "contentChanges": change(k)})
        t0 = time.perf_counter()
        send(data)
        tw = time.perf_counter()
        t1, msg = wait_for(inbox, is_publish(k))
        times.append((t1 - t0) * 1000)
        writes.append((tw - t0) * 1000)
        diags.add(len(msg["params"]["diagnostics"]))

    # a burst: BURST edits typed faster than the server answers, timed from
    # the first byte of the first to the diagnostics of the last
    burst = int(os.environ.get("BURST", "5"))
    burst_ms, burst_published = 0.0, 0
    if burst > 0:
        t0 = time.perf_counter()
        for k in range(edits + 1, edits + burst + 1):
            send(frame("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": k},
                "contentChanges": change(k)}))
        versions = []
        pred = lambda m: m.get("method") == "textDocument/publishDiagnostics"
        while not versions or versions[-1] != edits + burst:
            versions.append(wait_for(inbox, pred)[1]["params"].get("version"))
        burst_ms = (time.perf_counter() - t0) * 1000
        burst_published = len(versions)

    send(frame("shutdown", None, 2))
    wait_for(inbox, lambda m: m.get("id") == 2)
    send(frame("exit", None))
    proc.stdin.close()
    proc.wait(timeout=60)
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1000  # KB → MB
    times.sort()
    writes.sort()
    print("%-14s %7.1f MB  open %8.1f ms  edits %3d  p50 %8.1f  p99 %8.1f  max %8.1f ms"
          "  (write p50 %6.1f ms; diagnostics open %d, edits %s)"
          "  burst of %d: last published after %.1f ms, %d publishes; server peak RSS %.0f MB" % (
              path.rsplit("/", 1)[-1], len(text.encode("utf-8")) / 1e6, open_ms, edits,
              pct(times, 50), pct(times, 99), times[-1], pct(writes, 50), open_diags,
              sorted(diags), burst, burst_ms, burst_published, rss_mb))


if __name__ == "__main__":
    main()
