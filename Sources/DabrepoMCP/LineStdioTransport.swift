import Foundation
import Logging
import MCP
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Newline-delimited JSON-RPC on standard input and output (the MCP stdio transport), read in time
/// proportional to the input: the SDK's transport searched the whole unfinished message for its end
/// at every 4 KB read (a 5 MB message took two minutes to read, the server answering nothing else).
/// A thread of its own waits on standard input; writes wait while the pipe is full.
actor LineStdioTransport: Transport {
    nonisolated let logger = Logger(label: "dabrepo.mcp.stdio", factory: { _ in SwiftLogNoOpLogHandler() })
    private let input: Int32
    private let output: Int32
    private let stream: AsyncThrowingStream<Data, Swift.Error>
    private let continuation: AsyncThrowingStream<Data, Swift.Error>.Continuation
    private var connected = false

    init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) {
        self.input = input
        self.output = output
        (stream, continuation) = AsyncThrowingStream<Data, Swift.Error>.makeStream()
    }

    func connect() async throws {
        guard !connected else { return }
        connected = true
        // (Writes must not block a thread of the cooperative pool while the reader is slow.)
        let flags = fcntl(output, F_GETFL)
        if flags >= 0 { _ = fcntl(output, F_SETFL, flags | O_NONBLOCK) }
        let (input, continuation) = (self.input, self.continuation)
        let reader = Thread { Self.readLines(from: input, into: continuation) }
        reader.name = "dabrepo mcp stdin"
        reader.start()
    }

    func disconnect() async {
        connected = false
        continuation.finish()
    }

    func receive() -> AsyncThrowingStream<Data, Swift.Error> { stream }

    func send(_ data: Data) async throws {
        var message = data
        message.append(UInt8(ascii: "\n"))
        var offset = 0
        while offset < message.count {
            let written = message.withUnsafeBytes { bytes in write(output, bytes.baseAddress! + offset, bytes.count - offset) }
            if written > 0 {
                offset += written
            } else if written < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                // The client has not read what was written yet.
                var descriptor = pollfd(fd: output, events: Int16(POLLOUT), revents: 0)
                _ = poll(&descriptor, 1, 50)
                await Task.yield()
            } else {
                throw MCPError.transportError(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
            }
        }
    }

    /// Reads until end of input, yielding each non-empty line; each byte is looked at once.
    static func readLines(from input: Int32, into continuation: AsyncThrowingStream<Data, Swift.Error>.Continuation) {
        var line = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    // (Standard input shares a non-blocking terminal with standard output.)
                    var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
                    _ = poll(&descriptor, 1, -1)
                    continue
                }
                break
            }
            if count == 0 { break }
            buffer.withUnsafeBytes { bytes in
                let base = bytes.baseAddress!
                var start = 0
                while start < count, let found = memchr(base + start, 0x0A, count - start) {
                    let end = base.distance(to: UnsafeRawPointer(found))
                    line.append(base.assumingMemoryBound(to: UInt8.self) + start, count: end - start)
                    if line.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) { continuation.yield(line) }
                    line = Data()
                    start = end + 1
                }
                if start < count { line.append(base.assumingMemoryBound(to: UInt8.self) + start, count: count - start) }
            }
        }
        if line.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 && $0 != 0x0A }) { continuation.yield(line) }
        continuation.finish()
    }
}
