import BundleModel
import Foundation

/// `GET /api/openapi.json`: the API as an OpenAPI 3.1 document.
enum OpenAPIDocument {
    static func json(_ description: String, schema: [String: Any] = ["type": "object"]) -> [String: Any] {
        ["description": description, "content": ["application/json": ["schema": schema]]]
    }

    static var error: [String: Any] { json("An error: {\"error\": {\"kind\", \"message\"}}", schema: ["$ref": "#/components/schemas/Error"]) }

    static func operation(_ summary: String, _ id: String, parameters: [[String: Any]] = [], body: [String: Any]? = nil,
                          ok: [String: Any], errors: [String] = ["401", "404"]) -> [String: Any] {
        var op: [String: Any] = ["summary": summary, "operationId": id, "responses": ["200": ok].merging(errors.map { ($0, error) }) { a, _ in a }]
        if !parameters.isEmpty { op["parameters"] = parameters }
        if let body { op["requestBody"] = ["required": body["required"] != nil, "content": ["application/json": ["schema": body]]] }
        return op
    }

    static func path(_ name: String, _ description: String) -> [String: Any] {
        ["name": name, "in": "path", "required": true, "description": description, "schema": ["type": "string"]]
    }

    static func query(_ name: String, _ description: String, type: String = "string") -> [String: Any] {
        ["name": name, "in": "query", "required": false, "description": description, "schema": ["type": type]]
    }

    static var rev: [String: Any] { path("rev", "A revision: a commit id, HEAD, HEAD~2 or a branch.") }

    static var object: [String: Any] {
        let string: [String: Any] = ["type": "string"]
        return [
            "openapi": "3.1.0",
            "info": ["title": "dabrepo serve", "version": DabrepoVersion.current,
                     "description": "The bundle conversation over HTTP: every change a validated git revision. Authenticate with the cookie the ?token= address sets, or Authorization: Bearer TOKEN."],
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"],
                                    "cookie": ["type": "apiKey", "in": "cookie", "name": "dabrepo_token_PORT"]],
                "schemas": ["Error": ["type": "object", "required": ["error"], "properties": ["error": [
                    "type": "object", "required": ["kind", "message"],
                    "properties": ["kind": ["type": "string", "enum": ["usage", "refused", "invalid", "not-found", "unauthenticated", "transport", "conflict", "internal"]],
                                   "message": string]]]]],
            ],
            "security": [["bearer": []], ["cookie": []]],
            "paths": [
                "/api/chat": ["post": operation(
                    "One turn of a conversation, streamed as server-sent events: turn, text, tool_call, tool_result, progress, question, preview, findings, revision, error, done (each with id: and event:; `: ping` heartbeats).",
                    "chat", body: ["type": "object", "required": ["message"], "properties": [
                        "message": string, "conversation_id": string, "agent": ["type": "string", "description": "offline, or the server's agent (the default)"]]],
                    ok: ["description": "The turn's events.", "content": ["text/event-stream": ["schema": string]]], errors: ["400", "401", "403", "404", "409"])],
                "/api/chat/{turn_id}/stop": ["post": operation("Stop a running turn; it changes nothing.", "stopTurn",
                                                               parameters: [path("turn_id", "The id the turn event gave.")], ok: json("Stopping."), errors: ["401", "403", "404"])],
                "/api/health": ["get": operation("Status: version, repository, branch, HEAD, agent and model, workspace connection.", "health",
                                                 ok: json("Status.", schema: ["type": "object", "required": ["status", "version", "repo", "head", "agent", "model", "workspace"]]), errors: ["401"])],
                "/api/conversations": ["get": operation("The conversations refine and chat keep, newest first.", "listConversations", ok: json("{conversations: [...]}"), errors: ["401"])],
                "/api/conversations/{id}": ["get": operation("One conversation's turns.", "getConversation", parameters: [path("id", "The conversation id.")], ok: json("{id, turns}"))],
                "/api/revisions": ["get": operation("The timeline (dabrepo log).", "listRevisions", parameters: [query("limit", "At most this many (default 50).", type: "integer")],
                                                    ok: json("{revisions: [...]}"), errors: ["400", "401"])],
                "/api/revisions/{rev}": ["get": operation("A revision: message, transcript and the semantic diff as dabrepo diff REV --output json prints it.", "getRevision",
                                                          parameters: [rev, query("target", "Compare what this target gets.")], ok: json("The revision."), errors: ["400", "401", "404"])],
                "/api/revisions/{rev}/bundle.zip": ["get": operation("The bundle at that revision as a ZIP (the files git archive writes, byte for byte as committed: a secret committed in a file is in it too, while file views redact it).", "downloadBundle",
                                                                     parameters: [rev], ok: ["description": "A ZIP.", "content": ["application/zip": ["schema": ["type": "string", "format": "binary"]]]])],
                "/api/files/{rev}": ["get": operation("The bundle's files at a revision.", "listFiles", parameters: [rev], ok: json("{revision, files: [{path, kind, mode}]}"))],
                "/api/files/{rev}/{path}": ["get": operation("A file at a revision, read from git's objects (symbolic links and paths leaving the bundle are refused).", "getFile",
                                                             parameters: [rev, path("path", "The file's path in the bundle (slashes as they are).")],
                                                             ok: ["description": "The file.", "content": ["text/plain": ["schema": string], "application/octet-stream": ["schema": ["type": "string", "format": "binary"]]]],
                                                             errors: ["400", "401", "403", "404"])],
                "/api/validate": ["post": operation("Validate the working tree's bundle: every target, or the one named; the report of `dabrepo validate --output json` with valid, summary and findings.", "validate",
                                                 body: ["type": "object", "properties": ["target": ["type": "string", "description": "One target (default: every target)."],
                                                                                         "variables": ["type": "object", "additionalProperties": ["type": "string"], "description": "Variable values, name → value."]],
                                                        "additionalProperties": false],
                                                 ok: json("{bundle, diagnostics, errors, warnings, valid, summary, targets, findings}"), errors: ["400", "401", "403"])],
                "/api/undo": ["post": operation("Revert the latest dabrepo revision with a new commit; with revision, only if that is still the latest one (else 409).", "undo",
                                             body: ["type": "object", "properties": ["revision": ["type": "string", "description": "The commit id the client means to undo."]]],
                                             ok: json("{undone, undone_subject, commit, message, zip_url}"), errors: ["401", "403", "404", "409"])],
                "/api/openapi.json": ["get": operation("This document.", "openapi", ok: json("OpenAPI 3.1."), errors: ["401"])],
            ],
        ]
    }
}
