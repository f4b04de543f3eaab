import LanguageModels
import XCTest

/// The event stream parser reads events however the bytes are split.
final class ServerSentEventParserTests: XCTestCase {
    let stream = "event: message_start\r\ndata: {\"a\":1}\r\n\r\n: a comment\n\nevent: content_block_delta\ndata: {\"text\":\"héllo\"}\n\n"
        + "data: line one\ndata:line two\n\nevent: ping\rdata: {}\r\rdata: [DONE]\n\nevent: cut\ndata: never dispatched"

    let expected = [ServerSentEvent(event: "message_start", data: "{\"a\":1}"),
                    ServerSentEvent(event: "content_block_delta", data: "{\"text\":\"héllo\"}"),
                    ServerSentEvent(event: "message", data: "line one\nline two"),
                    ServerSentEvent(event: "ping", data: "{}"),
                    ServerSentEvent(event: "message", data: "[DONE]")]

    func testEventsWhole() {
        var parser = ServerSentEventParser()
        XCTAssertEqual(parser.feed(Array(stream.utf8)), expected)
    }

    func testEventsByteByByteAndInEveryTwoPieces() {
        let bytes = Array(stream.utf8)
        var parser = ServerSentEventParser()
        XCTAssertEqual(bytes.flatMap { parser.feed([$0]) }, expected, "a line, a CRLF or a multi-byte character split between chunks")
        for split in 1..<bytes.count {
            var parser = ServerSentEventParser()
            XCTAssertEqual(parser.feed(bytes[..<split]) + parser.feed(bytes[split...]), expected, "split at \(split)")
        }
    }
}
