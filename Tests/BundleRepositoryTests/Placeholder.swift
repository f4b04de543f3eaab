import XCTest
final class PlaceholderRepositoryTests: XCTestCase { func testNothing() {} }
