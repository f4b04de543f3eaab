@testable import BundleServer
import Foundation
import TestSupport
import XCTest

/// The page compiled into dabrepo is the files under Sources/BundleServer/Page/.
final class PageAssetsTests: XCTestCase {
    func testEmbeddedCopiesMatchTheFiles() throws {
        let page = TestPaths.packageRoot.appendingPathComponent("Sources/BundleServer/Page")
        XCTAssertEqual(PageAssets.files.keys.sorted(), ["app.js", "index.html", "style.css"])
        for (name, file) in PageAssets.files {
            XCTAssertEqual(file.content, try String(contentsOf: page.appendingPathComponent(name), encoding: .utf8),
                           "Page/\(name) changed: run scripts/embed-page")
        }
    }
}
