import Foundation
import TestSupport
import XCTest

/// `dabrepo serve`'s guard, against the real server: the token (as ?token=, cookie or bearer), the Host
/// check, the Origin check on requests that change something, the security headers, and files served
/// from git's objects only (no traversal, no symbolic links).
final class ServeSecurityTests: ServeTestCase {
    func testTheAddressIsTheFirstLineAndCarriesAToken() throws {
        XCTAssertTrue(server.url.hasPrefix("http://127.0.0.1:\(server.port)/?token="), server.url)
        XCTAssertEqual(server.token?.count, 64)
        let json = try ServeProcess(bundle: bundle, arguments: ["--output", "json"], environment: environment)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.firstLine.utf8)) as? [String: Any])
        XCTAssertEqual(object["port"] as? Int, json.port)
        XCTAssertEqual(object["host"] as? String, "127.0.0.1")
        XCTAssertEqual(object["url"] as? String, "http://127.0.0.1:\(json.port)/?token=\(object["token"] as? String ?? "")")
        XCTAssertNotEqual(json.token, server.token, "a token per launch")
    }

    func testNoTokenOrAWrongOneIsRefused() throws {
        var client = server.client
        client.token = nil
        XCTAssertEqual(try client.get("/api/health").status, 401)
        XCTAssertEqual(try client.get("/api/health").errorKind, "unauthenticated")
        XCTAssertEqual(try client.get("/").status, 401)
        client.token = String(repeating: "0", count: 64)
        XCTAssertEqual(try client.get("/api/health").status, 401)
        XCTAssertEqual(try client.get("/?token=\(String(repeating: "1", count: 64))").status, 401)
        XCTAssertEqual(try client.get("/api/health", headers: ["Cookie": "dabrepo_token_\(server.port)=\(String(repeating: "2", count: 64))"]).status, 401)
        XCTAssertEqual(try server.client.get("/api/health").status, 200, "the bearer token")
    }

    func testTheTokenIsTradedForAStrictHttpOnlyCookie() throws {
        var client = server.client
        let token = try XCTUnwrap(client.token)
        client.token = nil
        let redirect = try client.get("/?token=\(token)")
        XCTAssertEqual(redirect.status, 303)
        XCTAssertEqual(redirect.header("Location"), "/", "the token leaves the address")
        let cookie = try XCTUnwrap(redirect.header("Set-Cookie"))
        XCTAssertTrue(cookie.hasPrefix("dabrepo_token_\(server.port)=\(token);"), cookie)
        XCTAssertTrue(cookie.contains("HttpOnly"), cookie)
        XCTAssertTrue(cookie.contains("SameSite=Strict"), cookie)
        let withCookie = ["Cookie": "other=1; dabrepo_token_\(server.port)=\(token)"]
        let page = try client.get("/", headers: withCookie)
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.text.contains("<script src=\"/app.js\""), page.text)
        XCTAssertEqual(try client.get("/api/health", headers: withCookie).status, 200)
        XCTAssertEqual(try client.get("/app.js", headers: withCookie).header("Content-Type"), "text/javascript; charset=utf-8")
    }

    func testAnotherHostIsRefused() throws {
        let client = server.client
        XCTAssertEqual(try client.get("/api/health", headers: ["Host": "evil.example:\(server.port)"]).status, 421)
        XCTAssertEqual(try client.get("/api/health", headers: ["Host": "127.0.0.1:1"]).status, 421)
        XCTAssertEqual(try client.get("/api/health", headers: ["Host": "localhost:\(server.port)"]).status, 200)
    }

    func testACrossOriginRequestMayNotChangeAnything() throws {
        var client = server.client
        let token = try XCTUnwrap(client.token)
        client.token = nil
        let cookie = "dabrepo_token_\(server.port)=\(token)"
        let evil = try client.post("/api/undo", headers: ["Cookie": cookie, "Origin": "http://evil.example"])
        XCTAssertEqual(evil.status, 403, evil.text)
        XCTAssertEqual(evil.errorKind, "refused")
        XCTAssertEqual(try client.post("/api/validate", headers: ["Cookie": cookie, "Origin": "http://localhost:\(server.port)"]).status, 403,
                       "another origin, even on this machine")
        XCTAssertEqual(try client.post("/api/validate", headers: ["Cookie": cookie]).status, 403, "a browser's request without Origin")
        XCTAssertEqual(try client.post("/api/validate", headers: ["Cookie": cookie, "Origin": "http://127.0.0.1:\(server.port)",
                                                              "Sec-Fetch-Site": "cross-site"]).status, 403)
        XCTAssertEqual(try client.post("/api/validate", headers: ["Cookie": cookie, "Origin": "http://127.0.0.1:\(server.port)"]).status, 200)
        XCTAssertEqual(try server.client.post("/api/validate").status, 200, "a script with the bearer token")
        XCTAssertEqual(try gitOutput(["log", "--format=%s"], in: bundle).split(separator: "\n").count, 1, "nothing was undone")
    }

    func testEveryAnswerCarriesTheSecurityHeaders() throws {
        for path in ["/", "/app.js", "/api/health", "/api/nothing"] {
            let response = try server.client.get(path)
            XCTAssertEqual(response.header("Content-Security-Policy"),
                           "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'", path)
            XCTAssertEqual(response.header("X-Content-Type-Options"), "nosniff", path)
        }
        XCTAssertEqual(try server.client.get("/api/nothing").status, 404)
        XCTAssertEqual(try server.client.get("/api/undo").status, 405)
    }

    func testPathsOutsideTheBundleAndSymbolicLinksAreRefused() throws {
        try FileManager.default.createSymbolicLink(atPath: bundle.appendingPathComponent("passwd").path, withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: bundle.appendingPathComponent("up").path, withDestinationPath: "../..")
        try git(["add", "passwd", "up"], in: bundle)
        try git(["commit", "-qm", "links"], in: bundle)
        let client = server.client
        XCTAssertEqual(try client.get("/api/files/HEAD/databricks.yml").status, 200)
        for path in ["/api/files/HEAD/../../../../etc/passwd", "/api/files/HEAD/resources/../../../etc/passwd",
                     "/api/files/HEAD/%2e%2e/%2e%2e/etc/passwd", "/api/files/HEAD/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
                     "/api/files/HEAD//etc/passwd", "/api/files/HEAD/%2Fetc%2Fpasswd", "/api/files/HEAD/./databricks.yml",
                     "/api/files/HEAD/..%5C..%5Cetc%5Cpasswd"] {
            let response = try client.get(path)
            XCTAssertEqual(response.status, 400, path + ": " + response.text)
            XCTAssertFalse(response.text.contains("root:"), path)
        }
        for path in ["/api/files/HEAD/passwd", "/api/files/HEAD/up", "/api/files/HEAD/up/etc/passwd"] {
            let response = try client.get(path)
            XCTAssertTrue([403, 404].contains(response.status), path + ": \(response.status) " + response.text)
            XCTAssertFalse(response.text.contains("root:"), path)
        }
        XCTAssertEqual(try client.get("/api/files/HEAD/passwd").errorKind, "refused")
        XCTAssertEqual(try client.get("/api/files/--output=x/databricks.yml").status, 400, "a revision that reads as an option")
        XCTAssertEqual(try client.get("/api/files/HEAD/no-such-file.yml").status, 404)
        // A file that exists only on disk (never committed) is not served: files come from git's objects.
        try write("secret", to: bundle.appendingPathComponent("uncommitted.txt"))
        XCTAssertEqual(try client.get("/api/files/HEAD/uncommitted.txt").status, 404)
    }
}
