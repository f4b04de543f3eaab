#!/usr/bin/env python3
"""Checks that the fake language model service (fake_llm.py) speaks the real wire formats, using the official
Python SDKs (anthropic==2.10.0, openai==3.51.0, databricks-sdk==0.156.0; scripts/install-test-tools installs them):

- every JSON answer and every streamed event validates against the SDK's own response types (pydantic, strict:
  a missing field or a wrong type is a difference, where the SDKs' own parsing is lenient);
- the SDKs' own calls work against the fake: messages and chat completions, streamed and not, with tool use
  (the SDK's stream helper assembles the tool calls), the models listings (Anthropic's paginated), an error
  event in the middle of a stream, a 401, and a 529 that the SDK retries;
- the two Databricks serving paths answer the SDKs with a Databricks token, and the serving endpoint listing
  survives databricks-sdk's ServingEndpoint.from_dict(...).as_dict() unchanged.

Usage: check_fidelity.py   (exit 0 when faithful; prints each difference otherwise)
"""
import json
import secrets
import os
import subprocess
import sys
import tempfile

import anthropic
import openai
from anthropic.types import Message, ModelInfo, RawMessageStreamEvent
from databricks.sdk.service.serving import ServingEndpoint
from openai.types import Model
from openai.types.chat import ChatCompletion, ChatCompletionChunk
from pydantic import TypeAdapter

HERE = os.path.dirname(os.path.abspath(__file__))
# Credentials for the fake, built when the check runs: marked FAKE and random, never a real one.
ANTHROPIC_KEY = "sk-ant-" + "FAKE0" + secrets.token_hex(16)
OPENAI_KEY = "sk-" + "FAKE0" + secrets.token_hex(16)
DATABRICKS_TOKEN = "dapi" + secrets.token_hex(16)
TOOL = {"name": "read_bundle", "description": "Read the bundle", "input_schema": {"type": "object", "properties": {"target": {"type": "string"}}}}
OPENAI_TOOL = {"type": "function", "function": {"name": "read_bundle", "description": "Read the bundle", "parameters": TOOL["input_schema"]}}
ENDPOINT = {"name": "databricks-claude-sonnet-4-5", "id": "0123456789abcdef", "creator": "ana@example.com", "creation_timestamp": 1700000000000,
            "last_updated_timestamp": 1700000000000, "task": "llm/v1/chat", "state": {"ready": "READY", "config_update": "NOT_UPDATING"},
            "config": {"served_entities": [{"name": "databricks-claude-sonnet-4-5", "foundation_model": {
                "name": "databricks-claude-sonnet-4-5", "display_name": "Claude Sonnet 4.5", "docs": "https://docs.example.com", "description": "Claude"}}]}}


def script():
    tool_call = {"name": "read_bundle", "arguments": {"target": "dev"}}
    return {
        "keys": {"anthropic": ANTHROPIC_KEY, "openai": OPENAI_KEY, "databricks": DATABRICKS_TOKEN},
        "models": {"anthropic": [{"id": "claude-a", "display_name": "Claude A"}, {"id": "claude-b", "display_name": "Claude B"}],
                   "openai": [{"id": "gpt-x", "owned_by": "openai"}]},
        "serving_endpoints": [ENDPOINT],
        "responses": [
            # Anthropic
            {"path": "/v1/messages", "text": "Hello there", "usage": {"input_tokens": 12, "output_tokens": 7}},
            {"path": "/v1/messages", "text": "Let me look.", "tool_calls": [tool_call]},
            {"path": "/v1/messages", "text": "Let me look.", "tool_calls": [tool_call], "usage": {"input_tokens": 30, "output_tokens": 9}},
            {"path": "/v1/messages", "text": "Hello there", "usage": {"input_tokens": 3, "output_tokens": 2}},
            {"path": "/v1/messages", "text": "This will break", "stream_error": {"after": 3, "type": "overloaded_error", "message": "Overloaded"}},
            {"path": "/v1/messages", "status": 529, "error": {"type": "overloaded_error", "message": "Overloaded"}, "headers": {"retry-after-ms": "50"}},
            {"path": "/v1/messages", "text": "after the retry"},
            {"path": "/serving-endpoints/anthropic/v1/messages", "text": "from the workspace", "tool_calls": [tool_call]},
            # OpenAI
            {"path": "/v1/chat/completions", "text": "Hi from openai"},
            {"path": "/v1/chat/completions", "tool_calls": [tool_call, {"name": "read_bundle", "arguments": {"target": "prod"}}]},
            {"path": "/v1/chat/completions", "text": "Let me look.", "tool_calls": [tool_call], "usage": {"input_tokens": 30, "output_tokens": 9}},
            {"path": "/v1/chat/completions", "text": "This will break", "stream_error": {"after": 2, "type": "server_error", "message": "The server had an error"}},
            {"path": "/serving-endpoints/chat/completions", "text": "from the workspace", "tool_calls": [tool_call]},
        ],
    }


def main():
    problems = []

    def check(condition, message):
        if not condition:
            problems.append(message)

    def validates(adapter_or_model, value, what):
        # Strict: an int sent as a string, or a missing field, is a difference (the SDKs' own parsing is lenient).
        try:
            if isinstance(adapter_or_model, TypeAdapter):
                adapter_or_model.validate_json(json.dumps(value), strict=True)
            else:
                adapter_or_model.model_validate_json(json.dumps(value), strict=True)
        except Exception as error:  # noqa: BLE001 - every validation failure is a difference to report
            problems.append("%s does not validate: %s\n%s" % (what, error, json.dumps(value)[:400]))

    def sse_events(lines):
        """(event name, data) pairs of a raw server-sent event stream."""
        events, name, data = [], None, []
        for line in lines:
            if line == "":
                if data:
                    events.append((name or "message", "\n".join(data)))
                name, data = None, []
            elif line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].lstrip())
        return events

    stream_event = TypeAdapter(RawMessageStreamEvent)
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "script.json")
        with open(path, "w") as f:
            json.dump(script(), f)
        fake = subprocess.Popen([sys.executable, os.path.join(HERE, "fake_llm.py"), "--script", path], stdout=subprocess.PIPE, text=True)
        try:
            base = "http://127.0.0.1:" + fake.stdout.readline().split()[1]
            a = anthropic.Anthropic(api_key=ANTHROPIC_KEY, base_url=base, max_retries=2)
            messages = [{"role": "user", "content": "hi"}]

            # Anthropic, JSON: the raw answer validates as a Message; the SDK reads text and usage.
            raw = a.messages.with_raw_response.create(model="claude-a", max_tokens=100, messages=messages)
            validates(Message, json.loads(raw.http_response.text), "Anthropic message")
            message = raw.parse()
            check(message.content[0].text == "Hello there" and message.usage.input_tokens == 12, "Anthropic JSON text: %r" % message)

            # Anthropic, JSON with a tool call.
            message = a.messages.create(model="claude-a", max_tokens=100, messages=messages, tools=[TOOL])
            check(message.stop_reason == "tool_use" and message.content[1].input == {"target": "dev"}, "Anthropic JSON tool use: %r" % message)

            # Anthropic, streamed: every raw event validates; the SDK's stream helper assembles the tool call.
            with a.messages.with_streaming_response.create(model="claude-a", max_tokens=100, messages=messages, tools=[TOOL], stream=True) as response:
                events = sse_events(list(response.iter_lines()))
            check([n for n, _ in events][:2] == ["message_start", "content_block_start"] and events[-1][0] == "message_stop",
                  "Anthropic event order: %r" % [n for n, _ in events])
            for name, data in events:
                if name != "ping":
                    validates(stream_event, json.loads(data), "Anthropic %s event" % name)
                check(json.loads(data).get("type") == name, "event name %s differs from its type" % name)
            with a.messages.stream(model="claude-a", max_tokens=100, messages=messages) as stream:
                text = "".join(stream.text_stream)
                final = stream.get_final_message()
            check(text == "Hello there" and final.usage.output_tokens == 2, "Anthropic stream text: %r %r" % (text, final))

            # An error event after HTTP 200 raises the SDK's API error.
            try:
                with a.messages.stream(model="claude-a", max_tokens=100, messages=messages) as stream:
                    "".join(stream.text_stream)
                problems.append("the Anthropic error event was not raised by the SDK")
            except anthropic.APIStatusError as error:
                check("Overloaded" in str(error), "Anthropic error event: %s" % error)

            # 529 with retry-after-ms: the SDK retries and succeeds.
            message = a.messages.create(model="claude-a", max_tokens=100, messages=messages)
            check(message.content[0].text == "after the retry", "Anthropic 529 retry: %r" % message)

            # A wrong key: 401, the SDK's AuthenticationError.
            try:
                anthropic.Anthropic(api_key="sk-ant-" + "FAKE0" + secrets.token_hex(16), base_url=base, max_retries=0).messages.create(
                    model="claude-a", max_tokens=10, messages=messages)
                problems.append("a wrong Anthropic key was accepted")
            except anthropic.AuthenticationError:
                pass

            # Models, two pages of one.
            page = a.models.with_raw_response.list(limit=1)
            for entry in json.loads(page.http_response.text)["data"]:
                validates(ModelInfo, entry, "Anthropic model")
            ids = [m.id for m in a.models.list(limit=1)]
            check(ids == ["claude-a", "claude-b"], "Anthropic models (paginated): %r" % ids)

            # Databricks' Anthropic path with a Databricks token.
            d = anthropic.Anthropic(auth_token=DATABRICKS_TOKEN, base_url=base + "/serving-endpoints/anthropic", max_retries=0)
            with d.messages.stream(model="databricks-claude-sonnet-4-5", max_tokens=100, messages=messages, tools=[TOOL]) as stream:
                final = stream.get_final_message()
            check(final.content[-1].input == {"target": "dev"}, "Databricks Anthropic path: %r" % final)

            # OpenAI, JSON.
            o = openai.OpenAI(api_key=OPENAI_KEY, base_url=base + "/v1", max_retries=0)
            raw = o.chat.completions.with_raw_response.create(model="gpt-x", messages=messages)
            validates(ChatCompletion, json.loads(raw.http_response.text), "OpenAI completion")
            check(raw.parse().choices[0].message.content == "Hi from openai", "OpenAI JSON text")
            completion = o.chat.completions.create(model="gpt-x", messages=messages, tools=[OPENAI_TOOL])
            calls = completion.choices[0].message.tool_calls or []
            check([json.loads(c.function.arguments)["target"] for c in calls] == ["dev", "prod"] and completion.choices[0].finish_reason == "tool_calls",
                  "OpenAI JSON tool calls: %r" % completion)

            # OpenAI, streamed: every chunk validates; tool call fragments assemble by index; usage comes last.
            with o.chat.completions.with_streaming_response.create(model="gpt-x", messages=messages, tools=[OPENAI_TOOL], stream=True,
                                                                  stream_options={"include_usage": True}) as response:
                events = sse_events(list(response.iter_lines()))
            check(events[-1][1] == "[DONE]", "OpenAI stream does not end with [DONE]")
            chunks = [json.loads(data) for _, data in events if data != "[DONE]"]
            for chunk in chunks:
                validates(ChatCompletionChunk, chunk, "OpenAI chunk")
            arguments = {}
            for chunk in chunks:
                for choice in chunk["choices"]:
                    for call in choice["delta"].get("tool_calls") or []:
                        arguments[call["index"]] = arguments.get(call["index"], "") + call["function"].get("arguments", "")
            check(json.loads(arguments.get(0, "{}")) == {"target": "dev"}, "OpenAI streamed tool call: %r" % arguments)
            check(chunks[-1]["choices"] == [] and chunks[-1]["usage"]["prompt_tokens"] == 30, "OpenAI usage chunk: %r" % chunks[-1])

            # An error object in the stream raises the SDK's API error.
            try:
                for _ in o.chat.completions.create(model="gpt-x", messages=messages, stream=True):
                    pass
                problems.append("the OpenAI stream error was not raised by the SDK")
            except openai.APIError as error:
                check("The server had an error" in str(error), "OpenAI stream error: %s" % error)

            try:
                openai.OpenAI(api_key="sk-" + "FAKE0" + secrets.token_hex(16), base_url=base + "/v1", max_retries=0).chat.completions.create(
                    model="gpt-x", messages=messages)
                problems.append("a wrong OpenAI key was accepted")
            except openai.AuthenticationError:
                pass

            page = o.models.with_raw_response.list()
            for entry in json.loads(page.http_response.text)["data"]:
                validates(Model, entry, "OpenAI model")
            check([m.id for m in o.models.list()] == ["gpt-x"], "OpenAI models")

            # Databricks' chat completions path: model = the endpoint name, the Databricks token as the key.
            d = openai.OpenAI(api_key=DATABRICKS_TOKEN, base_url=base + "/serving-endpoints", max_retries=0)
            stream = d.chat.completions.create(model="databricks-claude-sonnet-4-5", messages=messages, tools=[OPENAI_TOOL], stream=True)
            names = [c.choices[0].delta.tool_calls[0].function.name for c in stream if c.choices and c.choices[0].delta.tool_calls
                     and c.choices[0].delta.tool_calls[0].function.name]
            check(names == ["read_bundle"], "Databricks chat completions path: %r" % names)

            # The serving endpoint listing, through databricks-sdk's own type.
            import urllib.request
            request = urllib.request.Request(base + "/api/2.0/serving-endpoints", headers={"Authorization": "Bearer " + DATABRICKS_TOKEN})
            listed = json.loads(urllib.request.urlopen(request).read())["endpoints"]
            for entry in listed:
                check(ServingEndpoint.from_dict(entry).as_dict() == entry, "serving endpoint differs after databricks-sdk: %r" % entry)

            # What the fake recorded: the pinned version and the key were sent; nothing was left unanswered.
            recorded = json.loads(urllib.request.urlopen(base + "/__requests").read())["requests"]
            retried = [r for r in recorded if r["path"] == "/v1/messages" and r["headers"].get("x-stainless-retry-count") == "1"]
            check(len(retried) == 1, "the SDK's retry of the 529 was not seen: %r" % [r["headers"].get("x-stainless-retry-count") for r in recorded])
        finally:
            fake.terminate()
            fake.wait()
    for problem in problems:
        print("DIFFERENCE: " + problem)
    if problems:
        print("fake LLM fidelity: %d differences" % len(problems))
        return 1
    print("fake LLM fidelity: OK (anthropic %s, openai %s)" % (anthropic.__version__, openai.__version__))
    return 0


if __name__ == "__main__":
    sys.exit(main())
