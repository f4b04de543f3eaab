import Foundation

/// Runs libFuzzer (libclang_rt.fuzzer_no_main, linked by scripts/fuzz) with an input function. SwiftPM
/// links an executable target with a `main` of its own, so libFuzzer's `main` cannot be used (as
/// -sanitize=fuzzer would link it): each target's main.swift calls this, with libFuzzer's usual
/// command line.
public enum FuzzDriver {
    public typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    /// A small bundle every target is run on once before fuzzing starts, so that one-time work (the
    /// schema model, the rule registry) does not count against the first input's time limit.
    public static let warmUp = Array("bundle:\n  name: warm\nresources:\n  jobs:\n    j:\n      name: j\n      tasks:\n        - task_key: t\n          notebook_task:\n            notebook_path: ./x.py\n".utf8)

    public static func run(_ test: TestOneInput) -> Int32 {
        _ = warmUp.withUnsafeBufferPointer { test($0.baseAddress, $0.count) }
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        return LLVMFuzzerRunDriver(&argc, &argv, test)
    }
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ test: FuzzDriver.TestOneInput) -> Int32
