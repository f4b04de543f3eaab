import XCTest
final class PlaceholderModelTests: XCTestCase { func testNothing() {} }
