@testable import BundleModel
import XCTest

final class BundlePathTests: XCTestCase {
    /// `normalize` returns a path as it is when one pass over its bytes finds it normal; this checks that
    /// pass against the component-by-component reading (the long way) on every path made of the tricky
    /// pieces.
    func testTheNormalPathCheckAgreesWithNormalizingByComponents() {
        let pieces = ["a", "b.yml", ".", "..", "...", "a.", ".a", "", "é"]
        var paths: Set<String> = []
        func build(_ prefix: String, _ depth: Int) {
            paths.insert(prefix)
            paths.insert("/" + prefix)
            paths.insert(prefix + "/")
            guard depth > 0 else { return }
            for piece in pieces { build(prefix.isEmpty ? piece : prefix + "/" + piece, depth - 1) }
        }
        build("", 3)
        for path in paths {
            XCTAssertEqual(BundlePath.normalize(path), BundlePath.normalizedByComponents(path), "normalize(\(path.debugDescription))")
            // It may send a normal path the long way (`../a`), never the reverse.
            if BundlePath.isNormal(path) { XCTAssertEqual(BundlePath.normalizedByComponents(path), path, "isNormal(\(path.debugDescription))") }
        }
        XCTAssertGreaterThan(paths.count, 500)
    }

    func testNormalizing() {
        XCTAssertEqual(BundlePath.normalize("resources/./jobs//a.yml"), "resources/jobs/a.yml")
        XCTAssertEqual(BundlePath.normalize("resources/x/../a.yml"), "resources/a.yml")
        XCTAssertEqual(BundlePath.normalize("../shared/a.yml"), "../shared/a.yml")
        XCTAssertEqual(BundlePath.normalize("resources/a.yml"), "resources/a.yml")
    }
}
