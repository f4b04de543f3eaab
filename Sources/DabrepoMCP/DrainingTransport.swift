import Foundation
import Logging
import MCP

/// Wraps a transport so that, when the client closes its side, the stream of incoming messages ends
/// only after every request received has been answered (or cancelled): the MCP server then stops
/// with nothing in flight.
actor DrainingTransport: Transport {
    private let inner: any Transport
    private var pending: Set<String> = []
    private var drained: [CheckedContinuation<Void, Never>] = []

    init(_ inner: any Transport) { self.inner = inner }

    nonisolated var logger: Logger { Logger(label: "dabrepo.mcp", factory: { _ in SwiftLogNoOpLogHandler() }) }

    func connect() async throws { try await inner.connect() }
    func disconnect() async { await inner.disconnect() }

    /// One message on the wire at a time: the stdio transport writes a long message in parts and waits
    /// between them when the pipe is full, and another reply written then landed inside it (replies of
    /// 64 KB and more, sent at once, came out spliced).
    private var writing = false
    private var waitingToWrite: [CheckedContinuation<Void, Never>] = []

    private func writeAlone(_ data: Data) async throws {
        while writing { await withCheckedContinuation { waitingToWrite.append($0) } }
        writing = true
        defer {
            writing = false
            if !waitingToWrite.isEmpty { waitingToWrite.removeFirst().resume() }
        }
        try await inner.send(data)
    }

    func send(_ data: Data) async throws {
        try await writeAlone(data)
        for message in Self.messages(in: data) where message["method"] == nil && (message["result"] != nil || message["error"] != nil) {
            if let id = Self.id(message) { settle(id) }
        }
    }

    func receive() -> AsyncThrowingStream<Data, Swift.Error> {
        let (stream, continuation) = AsyncThrowingStream<Data, Swift.Error>.makeStream()
        let innerTransport = inner
        Task {
            do {
                for try await data in await innerTransport.receive() {
                    if let refusal = ToolCallParamsCheck.protocolError(to: data) ?? ToolCallParamsCheck.errorResponse(to: data) {
                        try? await self.writeAlone(refusal)
                        continue
                    }
                    self.track(data)
                    continuation.yield(data)
                }
                await self.waitUntilDrained()
                continuation.finish()
            } catch {
                await self.waitUntilDrained()
                continuation.finish(throwing: error)
            }
        }
        return stream
    }

    private func track(_ data: Data) {
        for message in Self.messages(in: data) {
            if message["method"] as? String == "notifications/cancelled",
               let params = message["params"] as? [String: Any], let id = params["requestId"] {
                settle("\(id)")
            } else if message["method"] != nil, let id = Self.id(message) {
                pending.insert(id)
            }
        }
    }

    private func settle(_ id: String) {
        pending.remove(id)
        if pending.isEmpty {
            let waiting = drained
            drained = []
            for continuation in waiting { continuation.resume() }
        }
    }

    private func waitUntilDrained() async {
        if pending.isEmpty { return }
        await withCheckedContinuation { drained.append($0) }
    }

    private static func messages(in data: Data) -> [[String: Any]] {
        guard let object = try? JSONSerialization.jsonObject(with: data) else { return [] }
        if let one = object as? [String: Any] { return [one] }
        return object as? [[String: Any]] ?? []
    }

    private static func id(_ message: [String: Any]) -> String? {
        message["id"].map { "\($0)" }
    }
}
