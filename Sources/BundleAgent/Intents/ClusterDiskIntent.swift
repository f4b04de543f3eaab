import BundleEditing
import BundleModel
import Foundation

/// "increase the EBS volume size of the batch cluster to 300", "give the streaming cluster 200 GB disks":
/// a job cluster's disk — on AWS `aws_attributes.ebs_volume_size` (GiB; with one general-purpose SSD
/// where it had none), on Google Cloud `gcp_attributes.boot_disk_size`. Azure clusters take their disk
/// from the node type, which is said instead.
public enum ClusterDiskIntent: Intent {
    public static let id = "cluster-disk"
    public static let summary = "the disk of job cluster nodes (EBS volume size on AWS, boot disk size on Google Cloud)"
    public static let examples = ["increase the EBS volume size of the batch cluster to 300", "give the streaming cluster 200 GB disks"]

    public static func score(_ text: RequestText) -> Int {
        if text.hasAny(["ebs", "ebs_volume_size", "boot_disk_size"]) { return 7 }
        return text.hasAny(["disk", "disks", "storage"]) && (text.hasAny(["size", "gb", "gib", "bigger", "larger", "increase"]) || size(text) != nil) ? 7 : 0
    }

    /// The size asked for, in GiB: "to 300", "200 GB", "300gb".
    static func size(_ text: RequestText) -> Int? {
        if let n = text.number(before: ["gb", "gib", "g"]) { return n }
        for word in text.words where word.hasSuffix("gb") || word.hasSuffix("gib") {
            if let n = Int(word.prefix { $0.isNumber }) { return n }
        }
        return text.number(after: ["to", "size", "of", "ebs_volume_size", "boot_disk_size", "ebs_volume_count", "use"])
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        guard let gib = size(text), gib > 0 else {
            throw PlanningStop(outcome: .clarify(question: "How large should the disks be, in GB (or how many EBS volumes)?", choices: ["increase the EBS volume size of the cluster to 200"]))
        }
        let c = try ClusterSelection(context)
        // "set the ebs volume count to 2", "use 3 EBS volumes": how many volumes, not their size.
        let counting = text.hasAny(["count", "ebs_volume_count"]) || (text.hasAny(["number"]) && text.hasAny(["volumes", "disks"]))
        if counting {
            guard c.cloud == "aws" else { throw PlanningStop(outcome: .refused("\(c.description) is not on AWS; only AWS clusters take a number of EBS volumes")) }
            let current = c.spec["aws_attributes"]?["ebs_volume_count"]?.string
            guard current != String(gib) else { throw PlanningStop(outcome: .refused("\(c.description) already has \(gib) EBS volumes")) }
            var operations = [c.set(context, [.key("aws_attributes"), .key("ebs_volume_count")], .int(gib))]
            var added = ""
            if c.spec["aws_attributes"]?["ebs_volume_size"] == nil {
                operations.append(c.set(context, [.key("aws_attributes"), .key("ebs_volume_size")], .int(100)))
                added += ", ebs_volume_size 100"
            }
            if c.spec["aws_attributes"]?["ebs_volume_type"] == nil {
                operations.append(c.set(context, [.key("aws_attributes"), .key("ebs_volume_type")], .string("GENERAL_PURPOSE_SSD")))
                added += ", ebs_volume_type GENERAL_PURPOSE_SSD"
            }
            return Plan(subject: "Give \(c.job)'s cluster \(gib) EBS volumes\(c.target.map { " in \($0)" } ?? "")",
                        summary: "Set aws_attributes.ebs_volume_count to \(gib)\(current.map { " (was \($0))" } ?? "")\(added) on \(c.description)\(context.forTarget(c.target)).",
                        target: c.target, job: c.job, edits: [(c.location.file, operations)])
        }
        switch c.cloud {
        case "aws":
            let attributes = c.spec["aws_attributes"]
            if attributes?["ebs_volume_size"]?.string == String(gib) {
                throw PlanningStop(outcome: .refused("\(c.description) already has \(gib) GB EBS volumes"))
            }
            var operations = [c.set(context, [.key("aws_attributes"), .key("ebs_volume_size")], .int(gib))]
            var added = ""
            // A size means nothing without a volume and its type.
            if attributes?["ebs_volume_count"] == nil {
                operations.append(c.set(context, [.key("aws_attributes"), .key("ebs_volume_count")], .int(1)))
                added += ", ebs_volume_count 1"
            }
            if attributes?["ebs_volume_type"] == nil {
                operations.append(c.set(context, [.key("aws_attributes"), .key("ebs_volume_type")], .string("GENERAL_PURPOSE_SSD")))
                added += ", ebs_volume_type GENERAL_PURPOSE_SSD"
            }
            let was = attributes?["ebs_volume_size"]?.string.map { " (was \($0))" } ?? ""
            return Plan(subject: "Give \(c.job)'s cluster \(gib) GB EBS volumes\(c.target.map { " in \($0)" } ?? "")",
                        summary: "Set aws_attributes.ebs_volume_size to \(gib)\(was)\(added) on \(c.description)\(context.forTarget(c.target)).",
                        target: c.target, job: c.job, edits: [(c.location.file, operations)])
        case "gcp":
            let was = c.spec["gcp_attributes"]?["boot_disk_size"]?.string.map { " (was \($0))" } ?? ""
            return Plan(subject: "Give \(c.job)'s cluster \(gib) GB boot disks\(c.target.map { " in \($0)" } ?? "")",
                        summary: "Set gcp_attributes.boot_disk_size to \(gib)\(was) on \(c.description)\(context.forTarget(c.target)).",
                        target: c.target, job: c.job, edits: [(c.location.file, [c.set(context, [.key("gcp_attributes"), .key("boot_disk_size")], .int(gib))])])
        default:
            throw PlanningStop(outcome: .refused("\(c.description) runs on Azure, where the node type sets the disk; choose a node type with more local storage (\"use Standard_E8ds_v5 for the cluster\")"))
        }
    }
}
