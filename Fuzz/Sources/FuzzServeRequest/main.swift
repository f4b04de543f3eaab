import Foundation
import FuzzSupport

// libFuzzer's driver with this target's input function (see FuzzDriver).
exit(FuzzDriver.run(fuzzServeRequest))
