import Foundation
import TestSupport
import XCTest

/// `dabrepo serve`'s read and write endpoints against the real server on a real repository: health,
/// the OpenAPI document, revisions with the same diff as `dabrepo diff --output json`, the ZIP equal to
/// `git archive`, files from git's objects, validation with file:line, undo, conversations.
final class ServeAPITests: ServeTestCase {
    /// A revision made with `refine` (the offline planner), so that HEAD is a dabrepo revision.
    func refine(_ request: String) throws {
        let result = try dabrepo(["refine", request, "--resource", "jobs.nightly_etl_job"], in: bundle)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    }

    func testHealthSaysWhatTheStatusBarShows() throws {
        let health = try client.get("/api/health")
        XCTAssertEqual(health.status, 200)
        let object = health.json
        XCTAssertEqual(object["status"] as? String, "ok")
        XCTAssertEqual(object["repo"] as? String, bundle.resolvingSymlinksInPath().path)
        XCTAssertEqual(object["branch"] as? String, "main")
        XCTAssertEqual(object["head"] as? String, try gitOutput(["rev-parse", "HEAD"], in: bundle))
        XCTAssertEqual(object["agent"] as? String, "offline-planner")
        XCTAssertTrue(object["model"] is NSNull)
        XCTAssertEqual(object["version"] as? String, try dabrepo(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        let workspace = try XCTUnwrap(object["workspace"] as? [String: Any])
        XCTAssertEqual(workspace["connected"] as? Bool, false)
    }

    func testTheOpenAPIDocumentListsEveryEndpoint() throws {
        let document = try client.get("/api/openapi.json").json
        XCTAssertEqual(document["openapi"] as? String, "3.1.0")
        let paths = try XCTUnwrap(document["paths"] as? [String: Any])
        XCTAssertEqual(Set(paths.keys), ["/api/chat", "/api/chat/{turn_id}/stop", "/api/health", "/api/conversations", "/api/conversations/{id}",
                                         "/api/revisions", "/api/revisions/{rev}", "/api/revisions/{rev}/bundle.zip", "/api/files/{rev}",
                                         "/api/files/{rev}/{path}", "/api/validate", "/api/undo", "/api/openapi.json"])
        // Its own prose is not taken for secrets ("?token=" beside the word that follows it).
        XCTAssertFalse(try client.get("/api/openapi.json").text.contains("REDACTED"))
    }

    func testRevisionsCarryTheSameDiffAsTheDiffCommand() throws {
        try refine("make the dev cluster smaller")
        let list = try client.get("/api/revisions").json["revisions"] as? [[String: Any]] ?? []
        XCTAssertEqual(list.count, 2)
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        XCTAssertEqual(list.first?["commit"] as? String, head)
        XCTAssertEqual(list.first?["requests"] as? [String], ["make the dev cluster smaller (resource jobs.nightly_etl_job)"])
        XCTAssertEqual(list.first?["zip_url"] as? String, "/api/revisions/\(head)/bundle.zip")
        XCTAssertEqual(try client.get("/api/revisions?limit=1").json["revisions"].map { ($0 as? [Any])?.count }, 1)
        for (path, arguments) in [("/api/revisions/HEAD", ["diff", "HEAD", "--output", "json"]),
                                  ("/api/revisions/HEAD?target=dev", ["diff", "HEAD", "--target", "dev", "--output", "json"]),
                                  ("/api/revisions/\(head)?target=prod", ["diff", head, "--target", "prod", "--output", "json"])] {
            let detail = try client.get(path)
            XCTAssertEqual(detail.status, 200, detail.text)
            let expected = try JSONSerialization.jsonObject(with: Data(try dabrepo(arguments, in: bundle).stdout.utf8)) as? NSDictionary
            XCTAssertEqual(detail.json["diff"] as? NSDictionary, expected, path)
        }
        let detail = try client.get("/api/revisions/HEAD").json
        XCTAssertEqual(detail["subject"] as? String, try gitOutput(["log", "-1", "--format=%s"], in: bundle))
        XCTAssertEqual(detail["message"] as? String, try gitOutput(["log", "-1", "--format=%B"], in: bundle) + "\n")
        let transcript = detail["transcript"] as? [[String: String]] ?? []
        XCTAssertEqual(transcript.first, ["speaker": "user", "text": "make the dev cluster smaller (resource jobs.nightly_etl_job)"])
        XCTAssertEqual(try client.get("/api/revisions/HEAD?target=staging").status, 400)
        XCTAssertEqual(try client.get("/api/revisions/0123456789abcdef0123456789abcdef01234567").status, 404)
        XCTAssertEqual(try client.get("/api/revisions/HEAD..main").status, 400)
    }

    /// Names and bytes of every file in a ZIP (folders left out), read by Python's zipfile.
    func zipContents(_ file: URL) throws -> [String: String] {
        let script = "import zipfile,sys,json,base64\nz=zipfile.ZipFile(sys.argv[1])\nprint(json.dumps({i.filename: base64.b64encode(z.read(i)).decode() + ('@link' if (i.external_attr>>16)&0o170000==0o120000 else '') for i in z.infolist() if not i.filename.endswith('/')}))"
        let result = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, file.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: String])
    }

    func testTheZipIsWhatGitArchiveWrites() throws {
        try FileManager.default.createSymbolicLink(atPath: bundle.appendingPathComponent("link.yml").path, withDestinationPath: "databricks.yml")
        try git(["add", "link.yml"], in: bundle)
        try git(["commit", "-qm", "a link"], in: bundle)
        // Files `git archive` leaves out: export-ignore by name, by path, a folder, one taken back.
        let attributes = bundle.appendingPathComponent(".gitattributes")
        let existing = (try? String(contentsOf: attributes, encoding: .utf8)) ?? ""
        try write(existing + "secret.txt export-ignore\n/notes/ export-ignore\nfixtures/*.json export-ignore\nfixtures/keep.json -export-ignore\n", to: attributes)
        for path in ["secret.txt", "src/secret.txt", "notes/a.md", "fixtures/big.json", "fixtures/keep.json", "fixtures/readme.txt"] {
            try FileManager.default.createDirectory(at: bundle.appendingPathComponent(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try write("\(path)\n", to: bundle.appendingPathComponent(path))
        }
        try git(["add", "-A"], in: bundle)
        try git(["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "export-ignore"], in: bundle)
        try refine("make the dev cluster smaller")
        for revision in ["HEAD", "HEAD~3"] {
            let response = try client.get("/api/revisions/\(revision)/bundle.zip")
            XCTAssertEqual(response.status, 200)
            XCTAssertEqual(response.header("Content-Type"), "application/zip")
            XCTAssertTrue(response.header("Content-Disposition")?.hasPrefix("attachment; filename=\"nightly_etl-") ?? false)
            let served = workspace.url.appendingPathComponent("served-\(revision).zip")
            try response.body.write(to: served)
            let archived = workspace.url.appendingPathComponent("archived-\(revision).zip")
            try git(["archive", "--format=zip", "-o", archived.path, revision], in: bundle)
            let expected = try zipContents(archived)
            XCTAssertFalse(expected.isEmpty)
            XCTAssertEqual(try zipContents(served), expected, revision)
        }
        let head = try zipContents(workspace.url.appendingPathComponent("served-HEAD.zip"))
        XCTAssertEqual(head["link.yml"], Data("databricks.yml".utf8).base64EncodedString() + "@link", "a link stays a link")
        XCTAssertNil(try zipContents(workspace.url.appendingPathComponent("served-HEAD~3.zip"))["link.yml"], "the revision's files, not today's")
        XCTAssertEqual(Set(head.keys).intersection(["secret.txt", "src/secret.txt", "notes/a.md", "fixtures/big.json", "fixtures/keep.json", "fixtures/readme.txt"]),
                       ["fixtures/keep.json", "fixtures/readme.txt"], "export-ignore as git archive reads it")
    }

    func testFilesAreReadFromTheRevision() throws {
        // The change is a dev override in databricks.yml.
        let job = "databricks.yml"
        let before = try gitOutput(["show", "HEAD:\(job)"], in: bundle)
        try refine("make the dev cluster smaller")
        let list = try client.get("/api/files/HEAD").json
        let paths = (list["files"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        XCTAssertEqual(paths, try gitOutput(["ls-tree", "-r", "--name-only", "HEAD"], in: bundle).split(separator: "\n").map(String.init))
        let now = try client.get("/api/files/HEAD/\(job)")
        XCTAssertEqual(now.status, 200)
        XCTAssertEqual(now.header("Content-Type"), "text/plain; charset=utf-8")
        XCTAssertEqual(now.text, try gitOutput(["show", "HEAD:\(job)"], in: bundle) + "\n")
        XCTAssertEqual(try client.get("/api/files/HEAD~1/\(job)").text, before + "\n")
        XCTAssertNotEqual(before, now.text.trimmingCharacters(in: .newlines))
        // The working tree does not matter: the revision's bytes are served.
        try write("changed on disk\n", to: bundle.appendingPathComponent(job))
        XCTAssertEqual(try client.get("/api/files/HEAD/\(job)").text, now.text)
        // A token committed in a file is not shown back on the page (the ZIP keeps the bytes as committed).
        let token = "dapi" + String(repeating: "0123456789abcdef", count: 2)
        try write("# local notes\nhost_token: \(token)\n", to: bundle.appendingPathComponent("notes.txt"))
        try git(["add", "notes.txt"], in: bundle)
        try git(["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "notes"], in: bundle)
        let notes = try client.get("/api/files/HEAD/notes.txt")
        XCTAssertEqual(notes.status, 200)
        XCTAssertTrue(notes.text.hasPrefix("# local notes\nhost_token: "), notes.text)
        XCTAssertFalse(notes.text.contains(token), notes.text)
    }

    func testValidationListsFindingsWithFileAndLine() throws {
        let valid = try client.post("/api/validate")
        XCTAssertEqual(valid.status, 200)
        XCTAssertEqual(valid.json["valid"] as? Bool, true)
        XCTAssertEqual(valid.json["targets"] as? [String], ["dev", "prod"])
        try edit("resources/nightly_etl.job.yml", replacing: "notebook_path: ../src/notebook.py", with: "notebook_path: ../src/missing.py")
        let invalid = try client.post("/api/validate").json
        XCTAssertEqual(invalid["valid"] as? Bool, false)
        let findings = invalid["findings"] as? [[String: Any]] ?? []
        let error = try XCTUnwrap(findings.first { $0["severity"] as? String == "error" }, "\(findings)")
        XCTAssertEqual(error["file"] as? String, "resources/nightly_etl.job.yml")
        XCTAssertNotNil(error["line"] as? Int)
        XCTAssertNotNil(error["rule"] as? String)
        // The same report as `dabrepo validate --output json` (and MCP validate_bundle) gives.
        let cli = try json(try dabrepo(["validate", "--all-targets", "--output", "json"], in: bundle).stdout)
        XCTAssertEqual((invalid["diagnostics"] as? [[String: Any]])?.map { $0["summary"] as? String }, (cli["diagnostics"] as? [[String: Any]])?.map { $0["summary"] as? String })
        XCTAssertEqual(invalid["bundle"] as? String, cli["bundle"] as? String)
        // One target, and input it does not take is refused, not ignored.
        XCTAssertEqual(try client.post("/api/validate", ["target": "dev"]).json["targets"] as? [String], ["dev"])
        for body in [["target": "nope"], ["bogus": 1], ["variables": ["catalog": 1]]] as [[String: Any]] {
            let refused = try client.post("/api/validate", body)
            XCTAssertEqual(refused.status, 400, "\(body): \(refused.text)")
            XCTAssertEqual(refused.errorKind, "usage")
        }
        // A body larger than any request needs: 413 with a sentence, not an internal error.
        let huge = try client.post("/api/validate", ["target": String(repeating: "x", count: 2 << 20)])
        XCTAssertEqual(huge.status, 413, huge.text)
        XCTAssertEqual(huge.errorKind, "usage")
        XCTAssertTrue(huge.text.contains("larger than"), huge.text)
        // A length said larger than that, with a short body: refused before reading (no answer came).
        let said = try client.request("POST", "/api/validate", headers: ["Content-Length": "99999999999"], body: Data("{}".utf8))
        XCTAssertEqual(said.status, 413, said.text)
        XCTAssertTrue(said.text.contains("larger than"), said.text)
    }

    func edit(_ path: String, replacing old: String, with new: String) throws {
        let url = bundle.appendingPathComponent(path)
        let text = try read(url)
        XCTAssertTrue(text.contains(old), text)
        try write(text.replacingOccurrences(of: old, with: new), to: url)
    }

    func testUndoRevertsTheLatestRevisionOnce() throws {
        let nothing = try client.post("/api/undo")
        XCTAssertEqual(nothing.status, 409, nothing.text)
        XCTAssertEqual(nothing.errorKind, "refused")
        try refine("make the dev cluster smaller")
        let undone = try client.post("/api/undo")
        XCTAssertEqual(undone.status, 200, undone.text)
        XCTAssertEqual(undone.json["commit"] as? String, try gitOutput(["rev-parse", "HEAD"], in: bundle))
        XCTAssertTrue(try gitOutput(["log", "-1", "--format=%s"], in: bundle).hasPrefix("Undo \""))
        XCTAssertEqual(try gitOutput(["diff", "HEAD~2", "HEAD", "--stat"], in: bundle), "", "back to where it was")
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    /// The page sends the revision its card shows: when another is the latest by then (another tab
    /// undid or refined first), nothing is undone.
    func testUndoOfARevisionThatIsNoLongerTheLatestIsRefused() throws {
        try refine("make the dev cluster smaller")
        let first = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        try refine("add a tag team: data")
        let second = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let stale = try client.post("/api/undo", ["revision": first])
        XCTAssertEqual(stale.status, 409, stale.text)
        XCTAssertTrue(stale.text.contains("is not the latest revision that can be undone"), stale.text)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), second, "nothing undone")
        let unknown = try client.post("/api/undo", ["revision": "0123456789abcdef0123456789abcdef01234567"])
        XCTAssertEqual(unknown.status, 404, unknown.text)
        let meant = try client.post("/api/undo", ["revision": second])
        XCTAssertEqual(meant.status, 200, meant.text)
        XCTAssertEqual(meant.json["undone"] as? String, second)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    func testConversationsAreTheOnesRefineKeeps() throws {
        XCTAssertEqual((try client.get("/api/conversations").json["conversations"] as? [Any])?.count, 0)
        try refine("make the dev cluster smaller")
        let list = try client.get("/api/conversations").json["conversations"] as? [[String: Any]] ?? []
        XCTAssertEqual(list.count, 1)
        let id = try XCTUnwrap(list.first?["id"] as? String)
        XCTAssertEqual(list.first?["title"] as? String, "make the dev cluster smaller")
        let detail = try client.get("/api/conversations/\(id)").json
        let turns = detail["turns"] as? [[String: Any]] ?? []
        XCTAssertEqual(turns.first?["commit"] as? String, try gitOutput(["rev-parse", "HEAD"], in: bundle))
        XCTAssertEqual(try client.get("/api/conversations/nope").status, 404)
        XCTAssertEqual(try client.get("/api/conversations/..%2F..%2Fetc").status, 404)
    }
}
