import Foundation

/// Runs libFuzzer (libclang_rt.fuzzer_no_main, linked by scripts/fuzz) with an input function. SwiftPM
/// links an executable target with a `main` of its own, so libFuzzer's `main` cannot be used (as
/// -sanitize=fuzzer would link it): each target's main.swift calls this, with libFuzzer's usual
/// command line.
public enum FuzzDriver {
    public typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    public static func run(_ test: TestOneInput) -> Int32 {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        return LLVMFuzzerRunDriver(&argc, &argv, test)
    }
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ test: FuzzDriver.TestOneInput) -> Int32
