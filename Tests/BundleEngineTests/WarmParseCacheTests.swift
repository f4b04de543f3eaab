import BundleEngine
import BundleModel
import BundleValidation
import Foundation
import TestSupport
import XCTest

/// The MCP server validates with a parse cache kept across calls (EngineTools.parseCache). The cache
/// must never change a result: every bundle of the test fixtures and of ../shared's corpus gives the
/// same report without a cache, with a cold one and with a warm one.
final class WarmParseCacheTests: XCTestCase {
    func report(_ directory: URL, cache: ParseCache?) -> String {
        JSONReportFormatter().render(BundleValidationOperation.run(in: directory, targets: .all, environment: [:], cache: cache))
    }

    func testColdAndWarmCachesGiveTheSameReportForEveryFixtureAndCorpusBundle() throws {
        var directories = TestPaths.bundleDirectories(under: TestPaths.packageRoot.appendingPathComponent("Tests"))
        if let shared = TestPaths.shared { directories += TestPaths.bundleDirectories(under: shared.appendingPathComponent("corpus/bundle-examples")) }
        XCTAssertGreaterThan(directories.count, 20)
        let cache = ParseCache()
        var reused = 0
        for directory in directories {
            let uncached = report(directory, cache: nil)
            let before = cache.count
            let cold = report(directory, cache: cache)
            let filled = cache.count
            let warm = report(directory, cache: cache)
            XCTAssertEqual(cold, uncached, directory.path)
            XCTAssertEqual(warm, uncached, directory.path)
            // The warm run parsed nothing new: everything it needed was in the cache.
            XCTAssertEqual(cache.count, filled, directory.path)
            if filled > before { reused += 1 }
        }
        XCTAssertGreaterThan(reused, 10, "the bundles with included files should have filled the cache")
    }

    func testAFileChangedBetweenCallsIsReportedAsItIsNow() throws {
        let dir = try TemporaryDirectory()
        try dir.write(["databricks.yml": "bundle:\n  name: demo\ninclude:\n  - resources/*.yml\ntargets:\n  dev:\n    default: true\n",
                       "resources/a.job.yml": "resources:\n  jobs:\n    a:\n      name: a\n"])
        let cache = ParseCache()
        XCTAssertFalse(report(dir.url, cache: cache).contains("job-cluster-key-defined"))
        try dir.write(["resources/a.job.yml": "resources:\n  jobs:\n    a:\n      name: a\n      tasks:\n        - task_key: t\n          job_cluster_key: nope\n          notebook_task: {notebook_path: ./x.py}\n"])
        XCTAssertEqual(report(dir.url, cache: cache), report(dir.url, cache: nil))
        XCTAssertTrue(report(dir.url, cache: cache).contains("nope"))
    }
}
