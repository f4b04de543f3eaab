@testable import BundleRepository
import Foundation
import TestSupport
import XCTest

/// The templates and hooks compiled into dabrepo are the files under Templates/ and Hooks/.
final class EmbeddedResourcesTests: XCTestCase {
    func files(under directory: URL) throws -> [String: String] {
        var out: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory.path)
        while let path = enumerator?.nextObject() as? String {
            let url = directory.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                out[path] = try String(contentsOf: url, encoding: .utf8)
            }
        }
        return out
    }

    func testEmbeddedCopiesMatchTheFiles() throws {
        let templates = TestPaths.packageRoot.appendingPathComponent("Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: templates.path).sorted()
        XCTAssertEqual(EmbeddedResources.templates.keys.sorted(), names, "run scripts/embed-resources")
        for name in names {
            XCTAssertEqual(EmbeddedResources.templates[name], try files(under: templates.appendingPathComponent(name)),
                           "Templates/\(name) changed: run scripts/embed-resources")
        }
        XCTAssertEqual(EmbeddedResources.hooks, try files(under: TestPaths.packageRoot.appendingPathComponent("Hooks")),
                       "Hooks/ changed: run scripts/embed-resources")
    }

    func testRevisionMessageRoundTrips() {
        let message = RevisionMessage(
            subject: "Make the dev cluster of nightly_etl smaller",
            transcript: [.init(speaker: "user", text: "make the dev cluster smaller"),
                         .init(speaker: "dabrepo", text: "Set 1 worker (was 4) on job cluster etl_cluster of job nightly_etl for target dev.")],
            changes: ["~ targets.dev.resources.jobs.nightly_etl.job_clusters[etl_cluster].new_cluster.num_workers: 4 → 1"],
            validation: "OK (targets dev, prod)", session: "3f2a91", agent: "offline-planner")
        XCTAssertEqual(message.text, """
        Make the dev cluster of nightly_etl smaller

        Transcript:
        user: make the dev cluster smaller
        dabrepo: Set 1 worker (was 4) on job cluster etl_cluster of job nightly_etl for target dev.

        Changes:
        ~ targets.dev.resources.jobs.nightly_etl.job_clusters[etl_cluster].new_cluster.num_workers: 4 → 1

        Validation: OK (targets dev, prod)

        Dabrepo-Session: 3f2a91
        Dabrepo-Agent: offline-planner

        """)
        XCTAssertEqual(RevisionMessage(parsing: message.text), message)
        XCTAssertNil(RevisionMessage(parsing: "Fix typo\n\nby hand\n"))
    }
}
