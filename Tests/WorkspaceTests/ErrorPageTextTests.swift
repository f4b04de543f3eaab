import Workspace
import XCTest

/// A proxy's HTML error page in a message: its title, never the page.
final class ErrorPageTextTests: XCTestCase {
    func testAnHTMLPageIsItsTitleOrItsText() {
        XCTAssertEqual(ErrorPageText.plain("<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>"),
                       "an HTML error page: 502 Bad Gateway")
        XCTAssertEqual(ErrorPageText.plain("<!DOCTYPE html>\n<html><body>\n<h1>Service   Unavailable</h1></body></html>"),
                       "an HTML error page: Service Unavailable")
        XCTAssertEqual(ErrorPageText.plain("<html><body><p>Upstream &amp; proxy   down</p></body></html>"), "an HTML error page: Upstream & proxy down")
        // Anything else as it is.
        XCTAssertEqual(ErrorPageText.plain("upstream connect error"), "upstream connect error")
        XCTAssertEqual(ErrorPageText.plain("<not html> at all"), "<not html> at all")
    }
}
