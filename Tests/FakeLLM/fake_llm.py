#!/usr/bin/env python3
"""A fake language model service for dabrepo's tests, on 127.0.0.1, speaking the real wire formats:

- Anthropic Messages: POST /v1/messages (JSON, or server-sent events with "stream": true), GET /v1/models;
- OpenAI chat completions: POST /v1/chat/completions (JSON, or server-sent events with streamed tool_calls,
  usage with stream_options.include_usage, and [DONE]), GET /v1/models;
- Databricks model serving: POST /serving-endpoints/anthropic/v1/messages (Anthropic's format),
  POST /serving-endpoints/chat/completions (OpenAI's format, "model" = the endpoint name),
  GET /api/2.0/serving-endpoints, and POST /oidc/v1/token for OAuth machine-to-machine.

Usage: fake_llm.py --script SCRIPT.json [--port 0]   (prints "PORT <n>" once it listens)

SCRIPT.json:
  {"keys": {"anthropic": "...", "openai": "...", "databricks": "..."},   credentials accepted (absent: any)
   "oauth": {"client_id": "...", "client_secret": "..."},
   "models": {"anthropic": [{"id": ..., "display_name": ...}], "openai": [{"id": ..., "owned_by": ...}],
              "page_size": the most models per page of Anthropic's listing},
   "serving_endpoints": [<GET /api/2.0/serving-endpoints entries>],
   "responses": [<response>, ...]}                                        answered in order, one per call

A response: {"path": only for this path, "status": 200, "headers": {...}, "delay": seconds before answering,
  "error": {"type": ..., "message": ...} (an error body in the path's format), "body": a raw JSON body,
  "html": an HTML page sent as the body (what a proxy answers: "502 Bad Gateway"),
  "text": "...", "chunks": ["pieces", "of text"], "tool_calls": [{"id", "name", "arguments": {...} or "text",
  "chunks": ["argument", "pieces"]}], "stop_reason": "end_turn" | "tool_use" | "max_tokens",
  "usage": {"input_tokens", "output_tokens", "cache_read_input_tokens"}, "stream_error": {"after": n events,
  "type", "message"}, "stall": {"after": n events, "seconds": s}, "truncate_after": n events, "done": false}
Whether it is streamed follows the request's "stream".

Control: GET /__requests lists every request (method, path, query, headers, body, disconnected: the client went
away before the answer ended); POST /__responses appends responses.
"""
import argparse
import base64
import json
import select
import signal
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

LOCK = threading.Lock()

ANTHROPIC_PATHS = ("/v1/messages", "/serving-endpoints/anthropic/v1/messages")
OPENAI_PATHS = ("/v1/chat/completions", "/serving-endpoints/chat/completions")


class ClientGone(Exception):
    pass


class State:
    def __init__(self, script):
        self.keys = script.get("keys", {})
        self.oauth = script.get("oauth")
        self.models = script.get("models", {})
        self.serving_endpoints = script.get("serving_endpoints", [])
        self.responses = list(script.get("responses", []))
        self.requests = []
        self.oauth_tokens = set()
        self.counter = 0

    def next_id(self):
        with LOCK:
            self.counter += 1
            return self.counter

    def take(self, path):
        with LOCK:
            for i, response in enumerate(self.responses):
                if response.get("path") in (None, path):
                    return self.responses.pop(i)
        return None


def masked(key):
    return key[:5] + "*" * 8 + key[-4:] if len(key) > 12 else "****"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None

    def log_message(self, *args):
        pass

    # --- answering ---------------------------------------------------------------------------------------

    def send_json(self, status, body, headers=None):
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("request-id", "req_fake_%d" % self.state.next_id())
        for k, v in (headers or {}).items():
            self.send_header(k, str(v))
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def start_stream(self, headers=None):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        for k, v in (headers or {}).items():
            self.send_header(k, str(v))
        self.end_headers()

    def chunk(self, text):
        data = text.encode()
        try:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            raise ClientGone()

    def end_stream(self):
        try:
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            raise ClientGone()

    def client_left(self):
        """Whether the client closed the connection (waits up to 0.1 s)."""
        readable, _, _ = select.select([self.connection], [], [], 0.1)
        if not readable:
            return False
        try:
            return self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def wait(self, seconds):
        end = time.time() + seconds
        while time.time() < end:
            if self.client_left():
                raise ClientGone()

    def error_body(self, fmt, status, error):
        kind = error.get("type", "api_error")
        message = error.get("message", "error")
        if fmt == "anthropic":
            return {"type": "error", "error": {"type": kind, "message": message}, "request_id": "req_fake"}
        if fmt == "databricks":
            return {"error_code": error.get("code", kind), "message": message}
        return {"error": {"message": message, "type": kind, "param": None, "code": error.get("code")}}

    # --- requests ------------------------------------------------------------------------------------------

    def record(self, body):
        url = urlparse(self.path)
        entry = {"method": self.command, "path": url.path, "query": {k: v[0] for k, v in parse_qs(url.query).items()},
                 "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body, "disconnected": False}
        with LOCK:
            self.state.requests.append(entry)
        return entry

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if not raw:
            return None
        try:
            return json.loads(raw)
        except ValueError:
            return raw.decode("utf-8", "replace")

    def bearer(self):
        auth = self.headers.get("Authorization", "")
        return auth[len("Bearer "):] if auth.startswith("Bearer ") else None

    def do_GET(self):
        self.handle_request()

    def do_POST(self):
        self.handle_request()

    def handle_request(self):
        body = self.read_body()
        path = urlparse(self.path).path
        if path == "/__requests":
            with LOCK:
                requests = json.loads(json.dumps(self.state.requests))
            return self.send_json(200, {"requests": requests})
        if path == "/__responses":
            with LOCK:
                self.state.responses.extend(body if isinstance(body, list) else [body])
            return self.send_json(200, {})
        entry = self.record(body)
        try:
            self.route(path, body, entry)
        except ClientGone:
            entry["disconnected"] = True
            self.close_connection = True

    def route(self, path, body, entry):
        if path == "/oidc/v1/token":
            return self.oauth_token()
        if path in ANTHROPIC_PATHS:
            databricks = path.startswith("/serving-endpoints")
            if not self.authorized("databricks" if databricks else "anthropic", "anthropic"):
                return
            return self.messages(path, body, entry)
        if path in OPENAI_PATHS:
            if not self.authorized("databricks" if path.startswith("/serving-endpoints") else "openai", "openai"):
                return
            return self.chat_completions(path, body, entry)
        if path == "/v1/models" and self.command == "GET":
            if self.headers.get("anthropic-version"):
                return self.authorized("anthropic", "anthropic") and self.anthropic_models()
            return self.authorized("openai", "openai") and self.openai_models()
        if path == "/api/2.0/serving-endpoints" and self.command == "GET":
            return self.authorized("databricks", "databricks") and self.send_json(200, {"endpoints": self.state.serving_endpoints})
        self.send_json(404, {"error_code": "ENDPOINT_NOT_FOUND", "message": "No API found for '%s %s'" % (self.command, path)})

    def authorized(self, who, fmt):
        """Checks the credential the way each service does; answers 401 in its format when it is wrong."""
        expected = self.state.keys.get(who)
        if who == "anthropic":
            if not self.headers.get("anthropic-version"):
                self.send_json(400, self.error_body("anthropic", 400, {"type": "invalid_request_error", "message": "anthropic-version: header is required"}))
                return False
            # An API key comes as x-api-key, or (as the newer SDKs send it, and ANTHROPIC_AUTH_TOKEN) as a bearer token.
            given = self.headers.get("x-api-key") or self.bearer()
            if given is None:
                self.send_json(401, self.error_body("anthropic", 401, {"type": "authentication_error", "message": "x-api-key header is required"}))
                return False
            if expected is not None and given != expected:
                self.send_json(401, self.error_body("anthropic", 401, {"type": "authentication_error", "message": "invalid x-api-key"}))
                return False
            return True
        given = self.bearer()
        if who == "databricks":
            if given is None or (expected is not None and given != expected and given not in self.state.oauth_tokens):
                self.send_json(401, {"error_code": "401", "message": "Credential was not sent or was of an unsupported type for this API."})
                return False
            return True
        if expected is not None and given != expected:
            shown = masked(given or "")
            self.send_json(401, self.error_body("openai", 401, {"type": "invalid_request_error", "code": "invalid_api_key",
                                                                "message": "Incorrect API key provided: %s. You can find your API key in your account settings." % shown}))
            return False
        return True

    def oauth_token(self):
        auth = self.headers.get("Authorization", "")
        oauth = self.state.oauth or {}
        expected = "Basic " + base64.b64encode(("%s:%s" % (oauth.get("client_id"), oauth.get("client_secret"))).encode()).decode()
        if not oauth or auth != expected:
            return self.send_json(401, {"error": "invalid_client", "error_description": "Client authentication failed"})
        token = "fake-oauth-token-%d" % self.state.next_id()
        self.state.oauth_tokens.add(token)
        self.send_json(200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600, "scope": "all-apis"})

    # --- listings ------------------------------------------------------------------------------------------

    def anthropic_models(self):
        models = [{"type": "model", "id": m["id"], "display_name": m.get("display_name", m["id"]),
                   "created_at": m.get("created_at", "2025-05-14T00:00:00Z"), "lifecycle": m.get("lifecycle", "active")}
                  for m in self.state.models.get("anthropic", [])]
        query = parse_qs(urlparse(self.path).query)
        limit = min(int(query.get("limit", ["20"])[0]), self.state.models.get("page_size", 1000))
        start = 0
        if "after_id" in query:
            ids = [m["id"] for m in models]
            start = ids.index(query["after_id"][0]) + 1 if query["after_id"][0] in ids else len(models)
        page = models[start:start + limit]
        self.send_json(200, {"data": page, "has_more": start + limit < len(models),
                             "first_id": page[0]["id"] if page else None, "last_id": page[-1]["id"] if page else None})
        return True

    def openai_models(self):
        self.send_json(200, {"object": "list", "data": [{"id": m["id"], "object": "model", "created": m.get("created", 1700000000),
                                                         "owned_by": m.get("owned_by", "system")} for m in self.state.models.get("openai", [])]})
        return True

    # --- chat ----------------------------------------------------------------------------------------------

    def scripted(self, path, fmt, body):
        response = self.state.take(path)
        if response is None:
            self.send_json(500, self.error_body(fmt, 500, {"type": "api_error", "message": "fake: no scripted response left for " + path}))
            return None
        if response.get("delay"):
            self.wait(response["delay"])
        status = response.get("status", 200)
        if "html" in response:
            raw = response["html"].encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)
            return None
        if status != 200 or "body" in response:
            error = response.get("error", {"type": "api_error", "message": "scripted error"})
            self.send_json(status, response.get("body", self.error_body(fmt, status, error)), response.get("headers"))
            return None
        return response

    def messages(self, path, body, entry):
        problem = anthropic_problem(body)
        if problem:
            return self.send_json(400, self.error_body("anthropic", 400, {"type": "invalid_request_error", "message": problem}))
        response = self.scripted(path, "anthropic", body)
        if response is None:
            return
        n = self.state.next_id()
        model = body.get("model")
        usage = response.get("usage", {"input_tokens": 10, "output_tokens": 5})
        tools = [dict(t, id=t.get("id", "toolu_fake_%d_%d" % (n, i))) for i, t in enumerate(response.get("tool_calls", []))]
        stop = response.get("stop_reason", "tool_use" if tools else "end_turn")
        text = response.get("text", "" if tools else "OK")
        if not body.get("stream"):
            content = ([{"type": "text", "text": text}] if text else []) + [
                {"type": "tool_use", "id": t["id"], "name": t["name"], "input": arguments_object(t)} for t in tools]
            return self.send_json(200, {"id": "msg_fake_%d" % n, "type": "message", "role": "assistant", "model": model, "content": content,
                                        "stop_reason": stop, "stop_sequence": None,
                                        "usage": dict({"input_tokens": 0, "output_tokens": 0}, **usage)}, response.get("headers"))
        events = [("message_start", {"type": "message_start", "message": {
            "id": "msg_fake_%d" % n, "type": "message", "role": "assistant", "model": model, "content": [], "stop_reason": None,
            "stop_sequence": None, "usage": {"input_tokens": usage.get("input_tokens", 0), "output_tokens": 1,
                                             "cache_read_input_tokens": usage.get("cache_read_input_tokens", 0),
                                             "cache_creation_input_tokens": usage.get("cache_creation_input_tokens", 0)}}})]
        index = 0
        if text:
            events.append(("content_block_start", {"type": "content_block_start", "index": index, "content_block": {"type": "text", "text": ""}}))
            events.append(("ping", {"type": "ping"}))
            for piece in response.get("chunks", pieces(text)):
                events.append(("content_block_delta", {"type": "content_block_delta", "index": index, "delta": {"type": "text_delta", "text": piece}}))
            events.append(("content_block_stop", {"type": "content_block_stop", "index": index}))
            index += 1
        for t in tools:
            events.append(("content_block_start", {"type": "content_block_start", "index": index,
                                                   "content_block": {"type": "tool_use", "id": t["id"], "name": t["name"], "input": {}}}))
            for piece in [""] + t.get("chunks", pieces(arguments_text(t))):
                events.append(("content_block_delta", {"type": "content_block_delta", "index": index,
                                                       "delta": {"type": "input_json_delta", "partial_json": piece}}))
            events.append(("content_block_stop", {"type": "content_block_stop", "index": index}))
            index += 1
        events.append(("message_delta", {"type": "message_delta", "delta": {"stop_reason": stop, "stop_sequence": None},
                                         "usage": {"output_tokens": usage.get("output_tokens", 0)}}))
        events.append(("message_stop", {"type": "message_stop"}))
        error = response.get("stream_error")
        if error:
            events.insert(error.get("after", 1), ("error", {"type": "error", "error": {"type": error.get("type", "overloaded_error"),
                                                                                    "message": error.get("message", "Overloaded")}}))
            events = events[:error.get("after", 1) + 1]
        self.stream(response, ["event: %s\ndata: %s\n\n" % (name, json.dumps(data)) for name, data in events])

    def chat_completions(self, path, body, entry):
        problem = openai_problem(body)
        if problem:
            return self.send_json(400, self.error_body("openai", 400, {"type": "invalid_request_error", "message": problem}))
        response = self.scripted(path, "openai", body)
        if response is None:
            return
        n = self.state.next_id()
        model = body.get("model")
        usage = response.get("usage", {"input_tokens": 10, "output_tokens": 5})
        cached = usage.get("cache_read_input_tokens", 0)
        openai_usage = {"prompt_tokens": usage.get("input_tokens", 0) + cached, "completion_tokens": usage.get("output_tokens", 0),
                        "total_tokens": usage.get("input_tokens", 0) + cached + usage.get("output_tokens", 0),
                        "prompt_tokens_details": {"cached_tokens": cached}}
        tools = [dict(t, id=t.get("id", "call_fake_%d_%d" % (n, i))) for i, t in enumerate(response.get("tool_calls", []))]
        finish = {"end_turn": "stop", "tool_use": "tool_calls", "max_tokens": "length"}.get(
            response.get("stop_reason", "tool_use" if tools else "end_turn"), "stop")
        text = response.get("text", "" if tools else "OK")
        created = int(time.time())
        if not body.get("stream"):
            message = {"role": "assistant", "content": text or None, "refusal": None}
            if tools:
                message["tool_calls"] = [{"id": t["id"], "type": "function", "function": {"name": t["name"], "arguments": arguments_text(t)}} for t in tools]
            return self.send_json(200, {"id": "chatcmpl-fake%d" % n, "object": "chat.completion", "created": created, "model": model,
                                        "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish}],
                                        "usage": openai_usage}, response.get("headers"))
        include_usage = (body.get("stream_options") or {}).get("include_usage", False)

        def chunk(delta, finish_reason=None):
            c = {"id": "chatcmpl-fake%d" % n, "object": "chat.completion.chunk", "created": created, "model": model,
                 "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}]}
            if include_usage:
                c["usage"] = None
            return c

        chunks = [chunk({"role": "assistant", "content": "", "refusal": None})]
        for piece in response.get("chunks", pieces(text)) if text else []:
            chunks.append(chunk({"content": piece}))
        for i, t in enumerate(tools):
            chunks.append(chunk({"tool_calls": [{"index": i, "id": t["id"], "type": "function", "function": {"name": t["name"], "arguments": ""}}]}))
            for piece in t.get("chunks", pieces(arguments_text(t))):
                chunks.append(chunk({"tool_calls": [{"index": i, "function": {"arguments": piece}}]}))
        chunks.append(chunk({}, finish))
        if include_usage:
            chunks.append({"id": "chatcmpl-fake%d" % n, "object": "chat.completion.chunk", "created": created, "model": model,
                           "choices": [], "usage": openai_usage})
        lines = ["data: %s\n\n" % json.dumps(c) for c in chunks]
        error = response.get("stream_error")
        if error:
            after = error.get("after", 1)
            lines = lines[:after] + ["data: %s\n\n" % json.dumps(self.error_body("openai", 500, error))]
        elif response.get("done", True):
            lines.append("data: [DONE]\n\n")
        self.stream(response, lines)

    def stream(self, response, events):
        self.start_stream(response.get("headers"))
        stall = response.get("stall")
        truncate = response.get("truncate_after")
        for i, event in enumerate(events):
            if stall and i == stall.get("after", 1):
                self.wait(stall.get("seconds", 30))
            if truncate is not None and i == truncate:
                self.close_connection = True
                return
            self.chunk(event)
        self.end_stream()


def pieces(text):
    """Splits text into three pieces, as a stream would deliver it."""
    if len(text) < 3:
        return [text] if text else []
    third = len(text) // 3
    return [text[:third], text[third:2 * third], text[2 * third:]]


def arguments_object(tool):
    args = tool.get("arguments", {})
    return json.loads(args) if isinstance(args, str) else args


def arguments_text(tool):
    args = tool.get("arguments", {})
    return args if isinstance(args, str) else json.dumps(args)


def anthropic_problem(body):
    """What the Messages API refuses with 400 (the checks a client is likely to get wrong)."""
    if not isinstance(body, dict):
        return "request body must be a JSON object"
    for field in ("model", "max_tokens", "messages"):
        if field not in body:
            return "%s: Field required" % field
    messages = body["messages"]
    if not messages or messages[0].get("role") != "user":
        return "messages: first message must use the \"user\" role"
    for i, message in enumerate(messages):
        content = message.get("content")
        if isinstance(content, list):
            for block in content:
                if block.get("type") == "text" and not block.get("text"):
                    return "messages.%d: text content blocks must be non-empty" % i
        if message.get("role") == "assistant" and isinstance(content, list):
            ids = [b["id"] for b in content if b.get("type") == "tool_use"]
            if ids and i + 1 < len(messages):
                following = messages[i + 1].get("content")
                answered = [b.get("tool_use_id") for b in following if b.get("type") == "tool_result"] if isinstance(following, list) else []
                missing = [x for x in ids if x not in answered]
                if missing:
                    return "messages.%d: `tool_use` ids were found without `tool_result` blocks immediately after: %s" % (i, ", ".join(missing))
        if i > 0 and message.get("role") == messages[i - 1].get("role"):
            pass  # consecutive turns of one role are merged by the API
    return None


def openai_problem(body):
    if not isinstance(body, dict):
        return "request body must be a JSON object"
    for field in ("model", "messages"):
        if field not in body:
            return "Missing required parameter: '%s'." % field
    messages = body["messages"]
    for i, message in enumerate(messages):
        calls = message.get("tool_calls") or []
        if message.get("role") == "assistant" and calls:
            answered = []
            j = i + 1
            while j < len(messages) and messages[j].get("role") == "tool":
                answered.append(messages[j].get("tool_call_id"))
                j += 1
            missing = [c["id"] for c in calls if c["id"] not in answered]
            if missing:
                return ("An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. "
                        "The following tool_call_ids did not have response messages: %s" % ", ".join(missing))
    return None


def main():
    # Started from a thread that blocks signals (a Swift task), the process would inherit the mask and ignore SIGTERM.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    parser = argparse.ArgumentParser()
    parser.add_argument("--script", required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    with open(args.script) as f:
        Handler.state = State(json.load(f))
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print("PORT %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
