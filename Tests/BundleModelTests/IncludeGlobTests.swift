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
}
