import Foundation
import HTTPTypes
import Hummingbird

/// A turn's events as `text/event-stream`, with a heartbeat comment while nothing else is said. When
/// the client goes away (a write fails), the turn is stopped: it changes nothing.
enum ChatStreamResponse {
    static func response(_ started: ChatService.Started, turns: RunningTurns, heartbeat interval: Duration) -> Response {
        let headers: HTTPFields = [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache",
                                   HTTPField.Name("X-Accel-Buffering")!: "no"]
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            let sink = started.sink
            let heartbeat = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    if Task.isCancelled { break }
                    sink.heartbeat()
                }
            }
            defer { heartbeat.cancel() }
            var connected = true
            for await text in started.stream where connected {
                do { try await writer.write(ByteBuffer(string: text)) } catch {
                    connected = false
                    _ = turns.stop(started.turnID)
                }
            }
            heartbeat.cancel()
            if connected { try await writer.finish(nil) }
        })
    }
}
