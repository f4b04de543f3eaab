import Foundation

/// With `DABREPO_TIMINGS=1`, prints how long each phase took to standard error (for benchmarking).
public final class PhaseTiming: @unchecked Sendable {
    public static let enabled = EnvironmentSetting.value("DABREPO_TIMINGS") == "1"
    private var last = DispatchTime.now().uptimeNanoseconds

    public init() {}

    public func mark(_ phase: String) {
        guard Self.enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        FileHandle.standardError.write(Data(String(format: "dabrepo timing: %-28@ %7.2f ms\n", phase, Double(now - last) / 1e6).utf8))
        last = now
    }
}
