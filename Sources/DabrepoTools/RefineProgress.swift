import BundleAgent
import BundleEngine
import Foundation

/// What a refine turn's events say as progress notifications.
enum RefineProgress {
    static func message(_ event: TurnEvent) -> String? {
        switch event {
        case .preview(let preview): return "planned: \(preview.summary)"
        case .findings(let errors): return "refused: \(errors.count) error\(errors.count == 1 ? "" : "s") found"
        case .agent(.toolCall(_, let name, _)): return "calling \(name)"
        case .agent(.text), .agent(.toolResult), .agent(.usage): return nil
        }
    }
}

/// Numbers progress notifications.
final class StepCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var step = 0.0
    func next() -> Double {
        lock.lock()
        defer { lock.unlock() }
        step += 1
        return step
    }
}
