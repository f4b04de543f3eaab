import BundleServer
import Foundation
import XCTest

/// What serve reads of a request without a server (the entry of the fuzz target FuzzServeRequest)
/// answers as the server does: the guard, the route, the chat body.
final class ServeRequestReadingTests: XCTestCase {
    let token = String(repeating: "ab", count: 32)
    var host: (name: String, value: String) { ("Host", "127.0.0.1:8765") }
    var cookie: (name: String, value: String) { ("Cookie", "theme=dark; dabrepo_token_8765=\(token)") }

    func read(_ method: String, _ target: String, _ headers: [(name: String, value: String)], body: String = "") -> ServeRequestReading {
        ServeRequestReading.read(method: method, target: target, headers: headers, body: Data(body.utf8), mode: .token(AccessToken(token)), port: 8765)
    }

    func testTheGuardRefusesWithoutTheTokenForAnotherHostOrFromAnotherOrigin() {
        XCTAssertEqual(read("GET", "/api/health", [host]).status, 401)
        XCTAssertEqual(read("GET", "/api/health", [("Host", "evil.example:8765"), cookie]).status, 421)
        XCTAssertEqual(read("POST", "/api/undo", [host, cookie, ("Origin", "http://evil.example")]).status, 403)
        XCTAssertEqual(read("POST", "/api/undo", [host, cookie]).status, 403, "a browser's change needs an Origin")
        XCTAssertEqual(read("POST", "/api/undo", [host, ("Authorization", "Bearer \(token)")]).route, "undo")
        let redirect = read("GET", "/?token=\(token)&x=1", [host])
        XCTAssertEqual(redirect.status, 303)
        XCTAssertEqual(redirect.location, "/?x=1")
        XCTAssertTrue(redirect.setCookie?.contains("dabrepo_token_8765=\(token)") == true, "\(redirect)")
        // Found by FuzzServeRequest: the redirect went back to the target's path as it was, so
        // `//evil.example?token=…` sent the browser to another server (and `'?token=…` to a relative one).
        // Found by FuzzServeRequest: a second parameter holding the token kept it in the address bar.
        let twice = read("GET", "/?token=\(token)&x=1&y=a\(token)b&\(token)=z", [host])
        XCTAssertEqual(twice.status, 303)
        XCTAssertEqual(twice.location, "/?x=1")
        for target in ["//evil.example/?token=\(token)", "/\\evil.example?token=\(token)", "'?token=\(token)&x=1"] {
            let away = read("GET", target, [host])
            XCTAssertEqual(away.status, 303, target)
            XCTAssertTrue(away.location?.hasPrefix("/") == true && away.location?.hasPrefix("//") == false && away.location?.hasPrefix("/\\") == false,
                          "\(target) → \(away.location ?? "none")")
        }
    }

    /// Found by a 12-minute FuzzServeRequest run: as a Databricks App, two empty X-Forwarded-Email fields
    /// were read as the identity ", " (HTTPTypes joins repeated fields) and the request got through.
    func testAnAppRequestNeedsOneNonEmptyIdentityFromTheProxy() {
        let app = "dabrepo-123.aws.databricksapps.com"
        func read(_ headers: [(name: String, value: String)]) -> ServeRequestReading {
            ServeRequestReading.read(method: "GET", target: "/api/revisions", headers: [("Host", app)] + headers, body: Data(),
                                     mode: .databricksApp(appHost: app), port: 8765)
        }
        XCTAssertEqual(read([("X-Forwarded-Email", "alex@example.com")]).status, 200)
        XCTAssertEqual(read([]).status, 401)
        XCTAssertEqual(read([("X-Forwarded-Email", "")]).status, 401)
        XCTAssertEqual(read([("X-Forwarded-Email", ""), ("X-Forwarded-Email", "")]).status, 401, "two empty fields are no identity")
        XCTAssertEqual(read([("X-Forwarded-Email", " "), ("X-Forwarded-Email", "\u{0}")]).status, 401)
        XCTAssertEqual(read([("X-Forwarded-Email", "mallory@example.com"), ("X-Forwarded-Email", "alex@example.com")]).status, 401,
                       "two different identities: not the proxy's word")
        XCTAssertEqual(read([("X-Forwarded-Email", "alex@example.com"), ("X-Forwarded-Email", "alex@example.com")]).status, 200)
        XCTAssertEqual(read([("X-Forwarded-Email", ""), ("X-Forwarded-Preferred-Username", "alex")]).status, 200)
    }

    func testFilePathsThatCouldLeaveTheBundleAreRefused() {
        let file = read("GET", "/api/files/HEAD~1/resources/etl.job.yml", [host, cookie])
        XCTAssertEqual(file.status, 200)
        XCTAssertEqual(file.revision, "HEAD~1")
        XCTAssertEqual(file.path, "resources/etl.job.yml")
        for target in ["/api/files/HEAD/../../etc/passwd", "/api/files/HEAD/resources/%2e%2e/%2e%2e/x", "/api/files/HEAD/a%2f..%2f..%2fx",
                       "/api/files/HEAD//etc/passwd", "/api/files/HEAD/a%5c..%5cx", "/api/files/HEAD/a%00b", "/api/files/--output=x/a.yml",
                       "/api/files/HEAD..main/a.yml", "/api/revisions/-x/bundle.zip"] {
            XCTAssertEqual(read("GET", target, [host, cookie]).status, 400, target)
        }
        XCTAssertEqual(read("GET", "/api/revisions?limit=0", [host, cookie]).status, 400)
        XCTAssertEqual(read("DELETE", "/api/files/HEAD/a.yml", [host, cookie]).status, 403, "a change without an Origin")
        XCTAssertEqual(read("DELETE", "/api/files/HEAD/a.yml", [host, ("Authorization", "Bearer \(token)")]).status, 405)
    }

    func testTheChatBodyIsChecked() {
        let headers = [host, cookie, ("Origin", "http://127.0.0.1:8765")]
        let generate = read("POST", "/api/chat", headers, body: #"{"message": "Generate a bundle from job 662067900958232", "conversation_id": "a1_b-2"}"#)
        XCTAssertEqual(generate.status, 200)
        XCTAssertEqual(generate.generateTool, "generate_bundle_from_job")
        XCTAssertEqual(read("POST", "/api/chat", headers, body: #"{"message": "add retries", "agent": "offline"}"#).message, "add retries")
        for body in ["", "[1]", "{", #"{"message": "  "}"#, #"{"message": "x", "conversation_id": "../../etc"}"#, #"{"message": "x", "agent": 5}"#] {
            XCTAssertEqual(read("POST", "/api/chat", headers, body: body).status, 400, body)
        }
    }
}
