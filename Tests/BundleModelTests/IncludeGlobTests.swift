@testable import BundleModel
import XCTest

final class IncludeGlobTests: XCTestCase {
    func testWildcards() {
        XCTAssertTrue(IncludeGlob("resources/*.yml").matches("resources/etl.job.yml"))
        XCTAssertFalse(IncludeGlob("resources/*.yml").matches("resources/sub/etl.yml"), "* does not cross /")
        XCTAssertTrue(IncludeGlob("resources/?.yml").matches("resources/a.yml"))
        XCTAssertFalse(IncludeGlob("resources/?.yml").matches("resources/ab.yml"))
        XCTAssertTrue(IncludeGlob("resources/[a-c]*.yml").matches("resources/b.yml"))
        XCTAssertFalse(IncludeGlob("resources/[!a-c]*.yml").matches("resources/b.yml"))
        XCTAssertTrue(IncludeGlob("resources/*.{yml,yaml}").matches("resources/x.yaml"))
        XCTAssertTrue(IncludeGlob("{resources,more}/*.yml").matches("more/x.yml"))
    }

    func testDoubleStarMatchesAnyNumberOfDirectories() {
        let glob = IncludeGlob("resources/**/*.yml")
        XCTAssertTrue(glob.matches("resources/a.yml"))
        XCTAssertTrue(glob.matches("resources/x/y/z/a.yml"))
        XCTAssertFalse(glob.matches("other/a.yml"))
    }

    func testLiteralPatterns() {
        XCTAssertTrue(IncludeGlob("resources/etl.yml").isLiteral)
        XCTAssertFalse(IncludeGlob("resources/*.yml").isLiteral)
    }

    /// ASCII paths are matched byte by byte; the answer is the code-point matcher's, for every pattern
    /// form against every path here.
    func testByteMatchingAgreesWithCodePointMatching() {
        let patterns = ["resources/*.yml", "resources/**/*.yml", "**/*.yaml", "resources/?.yml", "resources/[a-c]*.yml",
                        "resources/[!a-c]*.yml", "resources/*.{yml,yaml}", "a/*/c/*.yml", "*", "*.yml", "**", "x/**/y/**",
                        "resources/job_[0-9][0-9]*.job.yml", "res*/*job*.yml", "./resources/*.yml", "resources/\\*.yml",
                        "resources/[]a]*.yml", "resources/[a-]*.yml"]
        let paths = ["resources/etl.job.yml", "resources/sub/etl.yml", "resources/a.yml", "resources/ab.yml", "resources/b.yml",
                     "resources/x.yaml", "a/b/c/d.yml", "a/c/d.yml", "databricks.yml", "x/y", "x/q/y/z", "resources/job_00012.job.yml",
                     "resources/job_x.job.yml", "resources/*.yml", "resources/]x.yml", "resources/-.yml", "", "resources/", "/resources/a.yml",
                     "resources//a.yml", "deep/a/b/c/d/e.yaml"]
        var agreed = 0
        for pattern in patterns {
            let glob = IncludeGlob(pattern)
            for path in paths {
                XCTAssertEqual(glob.matches(path), glob.matchesByCodePoints(path), "\(pattern) against \(path)")
                agreed += 1
            }
        }
        XCTAssertEqual(agreed, patterns.count * paths.count)
        // A path that is not ASCII takes the code-point matcher: ? is one code point.
        XCTAssertTrue(IncludeGlob("resources/?.yml").matches("resources/é.yml"))
    }
}
