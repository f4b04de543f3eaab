@testable import BundleAgent
import BundleModel
import BundleValidation
import XCTest

/// Requests as Databricks users write them (in the docs, in forum questions), at least five for every
/// intent, against a bundle with several jobs (`SalesBundle`). Each names its resource the way people
/// do — by name, by a word of it, by a task or cluster only one job has — or relies on the only job
/// the change fits. Every row asserts the resulting values per target, so a request planned for the
/// wrong job, the wrong target or the wrong direction ("disable" turning something on) fails.
final class PhrasingTableTests: XCTestCase {
    /// Expectations: "TARGET|path" → value. TARGET is dev, prod, `*` (both) or `raw` (the
    /// configuration as written, targets included). Paths start below `resources` (raw: at the root);
    /// `[x]` picks the list entry whose task_key, job_cluster_key, environment_key, name or label is x.
    /// Values: the scalar, `{…}`/`[…]` for collections, `-` for absent, `∋x` / `∌x` for a list that
    /// does / does not contain x.
    struct Row {
        var request: String
        var expect: [String: String]
        init(_ request: String, _ expect: [String: String]) {
            self.request = request
            self.expect = expect
        }
    }

    static let table: [String: [Row]] = [
        ClusterSizeIntent.id: [
            Row("make the sync cluster smaller", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers": "2"]),
            // The number after "to" (kimball, price_optimisation: not understood before).
            Row("set the number of workers of the sync cluster to 6 in prod", ["prod|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers": "6",
                                                                               "dev|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers": "4"]),
            Row("shrink the sales sync cluster in dev", ["dev|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers": "2",
                                                          "prod|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers": "4"]),
            Row("scale the Sales-Sync job to 8 workers", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers": "8"]),
            Row("give the billing job more workers", ["*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.autoscale": "{max_workers:16,min_workers:4}"]),
            // An autoscaling cluster: "N workers" is N workers; "up to" moves the maximum.
            Row("use 4 workers for the billing job", ["*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.num_workers": "4",
                                                      "*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.autoscale": "-"]),
            Row("let the billing job scale up to 12 workers", ["*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.autoscale": "{max_workers:12,min_workers:2}"]),
            // In a target, which cannot remove the autoscaling it inherits (and a range of one, 4–4, the workspace
            // refuses): asked which range (PublicBundleTrial81Tests); a range said is that target's.
            Row("give the billing job more workers in prod", ["prod|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.autoscale": "{max_workers:16,min_workers:4}",
                                                              "dev|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.autoscale": "{max_workers:8,min_workers:2}"]),
            Row("halve the workers of the sales sync in prod", ["prod|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers": "2",
                                                                 "dev|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers": "4"]),
            Row("sales_sync needs 6 workers", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers": "6"]),
        ],
        JobTimeoutIntent.id: [
            Row("set a timeout of 2 hours on the sales sync", ["*|jobs.sales_sync.timeout_seconds": "7200", "*|jobs.nightly_billing.timeout_seconds": "-"]),
            Row("the billing job should time out after 90 minutes", ["*|jobs.nightly_billing.timeout_seconds": "5400"]),
            Row("kill the marketing digest if it runs longer than 30 minutes", ["*|jobs.marketing_digest.timeout_seconds": "1800"]),
            Row("set the timeout of the sales sync to 1 hour in the default target", ["dev|jobs.sales_sync.timeout_seconds": "3600", "prod|jobs.sales_sync.timeout_seconds": "-"]),
            Row("cancel the sales sync after 3 hours in prod", ["prod|jobs.sales_sync.timeout_seconds": "10800", "dev|jobs.sales_sync.timeout_seconds": "-"]),
            Row("give the marketing digest a 45 minute timeout", ["*|jobs.marketing_digest.timeout_seconds": "2700"]),
            // A task named: its own timeout, not the whole run's.
            Row("set a 30 min timeout on the load task", ["*|jobs.sales_sync.tasks[load].timeout_seconds": "1800", "*|jobs.sales_sync.timeout_seconds": "-",
                                                          "*|jobs.sales_sync.tasks[extract].timeout_seconds": "-"]),
            Row("the extract task should time out after 1h in prod", ["prod|jobs.sales_sync.tasks[extract].timeout_seconds": "3600",
                                                                      "dev|jobs.sales_sync.tasks[extract].timeout_seconds": "-"]),
        ],
        TaskRetriesIntent.id: [
            Row("set max retries to 3 on the extract task", ["*|jobs.sales_sync.tasks[extract].max_retries": "3"]),
            Row("retry the extract task up to 3 times", ["*|jobs.sales_sync.tasks[extract].max_retries": "3", "*|jobs.sales_sync.tasks[load].max_retries": "-"]),
            Row("retry failed tasks of the marketing digest twice", ["*|jobs.marketing_digest.tasks[digest].max_retries": "2"]),
            Row("add retries to the load task in prod", ["prod|jobs.sales_sync.tasks[load].max_retries": "2", "dev|jobs.sales_sync.tasks[load].max_retries": "-"]),
            Row("the export step should retry 4 times", ["*|jobs.nightly_billing.tasks[export].max_retries": "4"]),
            Row("don't retry the load task in prod", ["prod|jobs.sales_sync.tasks[load].max_retries": "0"]),
            Row("no retries for the sales sync in prod", ["prod|jobs.sales_sync.tasks[extract].max_retries": "0", "prod|jobs.sales_sync.tasks[load].max_retries": "0"]),
            // A wait between retries: the interval, and retries where there were none.
            Row("wait 5 minutes between retries of the extract task", ["*|jobs.sales_sync.tasks[extract].min_retry_interval_millis": "300000",
                                                                       "*|jobs.sales_sync.tasks[extract].max_retries": "2", "*|jobs.sales_sync.tasks[load].max_retries": "-"]),
        ],
        SchedulePauseIntent.id: [
            Row("pause the sales sync", ["*|jobs.sales_sync.schedule.pause_status": "PAUSED"]),
            Row("pause the schedule in prod", ["prod|jobs.sales_sync.schedule.pause_status": "PAUSED", "raw|resources.jobs.sales_sync.schedule.pause_status": "-"]),
            Row("resume the schedule of the sales sync", ["*|jobs.sales_sync.schedule.pause_status": "UNPAUSED"]),
            Row("suspend the nightly schedule", ["*|jobs.sales_sync.schedule.pause_status": "PAUSED"]),
            Row("stop the sales sync schedule for now", ["*|jobs.sales_sync.schedule.pause_status": "PAUSED"]),
        ],
        ScheduleIntent.id: [
            // A time zone alone: the only job with a schedule keeps its cron.
            Row("set the timezone to America/New_York", ["*|jobs.sales_sync.schedule.timezone_id": "America/New_York",
                                                         "*|jobs.sales_sync.schedule.quartz_cron_expression": "0 0 2 * * ?"]),
            // "the nightly sync" names the job: the time stays (it became midnight).
            Row("change the timezone of the nightly sync to America/Chicago", ["*|jobs.sales_sync.schedule.timezone_id": "America/Chicago",
                                                                             "*|jobs.sales_sync.schedule.quartz_cron_expression": "0 0 2 * * ?"]),
            Row("use London time for the schedule in prod", ["prod|jobs.sales_sync.schedule.timezone_id": "Europe/London",
                                                             "dev|jobs.sales_sync.schedule.timezone_id": "Europe/Berlin"]),
            Row("run the marketing digest daily at 7am Asia/Tokyo", ["*|jobs.marketing_digest.schedule.quartz_cron_expression": "0 0 7 * * ?",
                                                                    "*|jobs.marketing_digest.schedule.timezone_id": "Asia/Tokyo"]),
            Row("run the sales sync every 10 minutes", ["*|jobs.sales_sync.schedule.quartz_cron_expression": "0 0/10 * * * ?"]),
            // Abbreviations as people write them, and more cities.
            Row("run the marketing digest daily at 6pm CET", ["*|jobs.marketing_digest.schedule.quartz_cron_expression": "0 0 18 * * ?",
                                                             "*|jobs.marketing_digest.schedule.timezone_id": "Europe/Berlin"]),
            Row("run the billing job every weekday at 9am EST", ["*|jobs.nightly_billing.schedule.timezone_id": "America/New_York"]),
            Row("run the billing job at 6am PST", ["*|jobs.nightly_billing.schedule.timezone_id": "America/Los_Angeles"]),
            Row("run the marketing digest at 9am Central European time", ["*|jobs.marketing_digest.schedule.timezone_id": "Europe/Berlin"]),
            Row("run the billing job daily at 8am Hong Kong time", ["*|jobs.nightly_billing.schedule.timezone_id": "Asia/Hong_Kong"]),
            // Any city a zone is named after, not only the usual ones (bubi-prediction: "4am Budapest time" became UTC).
            Row("run the billing job every Monday at 4am Budapest time", ["*|jobs.nightly_billing.schedule.timezone_id": "Europe/Budapest",
                                                                          "*|jobs.nightly_billing.schedule.quartz_cron_expression": "0 0 4 ? * MON"]),
            Row("run the marketing digest at 5am in Reykjavik", ["*|jobs.marketing_digest.schedule.timezone_id": "Atlantic/Reykjavik"]),
            Row("run the marketing digest at 6am and 6pm", ["*|jobs.marketing_digest.schedule.quartz_cron_expression": "0 0 6,18 * * ?"]),
            Row("run the billing job every weekday at 7:30 and 19:30", ["*|jobs.nightly_billing.schedule.quartz_cron_expression": "0 30 7,19 ? * MON-FRI"]),
            Row("run the sales sync twice a day", ["*|jobs.sales_sync.schedule.quartz_cron_expression": "0 0 0/12 * * ?"]),
            Row("run the sales sync every 15 minutes on weekdays", ["*|jobs.sales_sync.schedule.quartz_cron_expression": "0 0/15 * ? * MON-FRI"]),
            Row("schedule the marketing digest every friday at 17:00", ["*|jobs.marketing_digest.schedule.quartz_cron_expression": "0 0 17 ? * FRI"]),
            Row("run the billing job on the first of the month", ["*|jobs.nightly_billing.schedule.quartz_cron_expression": "0 0 0 1 * ?"]),
            Row("run the marketing digest weekdays at noon", ["*|jobs.marketing_digest.schedule.quartz_cron_expression": "0 0 12 ? * MON-FRI"]),
            Row("run the sales sync every 3 hours", ["*|jobs.sales_sync.schedule.quartz_cron_expression": "0 0 0/3 * * ?",
                                                      "*|jobs.sales_sync.schedule.timezone_id": "Europe/Berlin"]),
            Row("schedule the digest daily at 6am New York time", ["*|jobs.marketing_digest.schedule.quartz_cron_expression": "0 0 6 * * ?",
                                                                   "*|jobs.marketing_digest.schedule.timezone_id": "America/New_York"]),
        ],
        MaxConcurrentRunsIntent.id: [
            Row("only allow two concurrent runs of the marketing digest", ["*|jobs.marketing_digest.max_concurrent_runs": "2"]),
            Row("never run the sales sync twice at the same time", ["*|jobs.sales_sync.max_concurrent_runs": "1"]),
            Row("let the billing job run 3 times in parallel", ["*|jobs.nightly_billing.max_concurrent_runs": "3"]),
            Row("don't let sales sync runs overlap", ["*|jobs.sales_sync.max_concurrent_runs": "1"]),
            Row("allow 5 simultaneous runs of the digest", ["*|jobs.marketing_digest.max_concurrent_runs": "5"]),
        ],
        PhotonIntent.id: [
            Row("enable photon on the sync cluster", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.runtime_engine": "PHOTON"]),
            Row("turn off photon for the billing job", ["*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.runtime_engine": "STANDARD"]),
            Row("use the Photon engine for the sales sync in prod", ["prod|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.runtime_engine": "PHOTON",
                                                                     "dev|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.runtime_engine": "-"]),
            Row("switch the billing cluster to photon", ["*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.runtime_engine": "PHOTON"]),
            Row("disable Photon on the ml cluster in dev", ["dev|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.runtime_engine": "STANDARD"]),
        ],
        AvailabilityIntent.id: [
            Row("use spot instances for the sales sync", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.aws_attributes.availability": "SPOT_WITH_FALLBACK"]),
            Row("run the billing job on on-demand VMs", ["*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.azure_attributes.availability": "ON_DEMAND_AZURE"]),
            Row("put the sync cluster on spot in dev", ["dev|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.aws_attributes.availability": "SPOT_WITH_FALLBACK",
                                                         "prod|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.aws_attributes": "-"]),
            Row("billing should use spot VMs with fallback", ["*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.azure_attributes.availability": "SPOT_WITH_FALLBACK_AZURE"]),
            Row("switch the sales sync to on-demand instances in prod", ["prod|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.aws_attributes.availability": "ON_DEMAND"]),
        ],
        SingleNodeIntent.id: [
            Row("set the number of workers of the sync cluster to 0", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers": "0",
                                                                        "*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.custom_tags.ResourceClass": "SingleNode"]),
            Row("make the sync cluster single-node", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers": "0"]),
            Row("use a single node cluster for the sales sync in dev", ["dev|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers": "0",
                                                                        "prod|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers": "4"]),
            Row("single-node is enough for the sales sync", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers": "0"]),
            Row("turn the sales sync cluster into a single node cluster", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.custom_tags.ResourceClass": "SingleNode"]),
            Row("the sales sync only needs one node in dev", ["dev|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers": "0"]),
        ],
        AutoscaleIntent.id: [
            Row("autoscale the sales sync between 2 and 8 workers", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.autoscale": "{max_workers:8,min_workers:2}",
                                                                     "*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers": "-"]),
            Row("enable autoscaling on the billing cluster up to 12 workers", ["*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.autoscale.max_workers": "12"]),
            Row("turn off autoscaling for the billing job", ["*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.autoscale": "-",
                                                             "*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.num_workers": "8"]),
            Row("autoscale the sync cluster from 1 to 6 workers", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.autoscale": "{max_workers:6,min_workers:1}"]),
            Row("use auto-scaling on the sales sync with max 10 workers", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.autoscale.max_workers": "10"]),
            Row("set the max workers of the sales sync to 8", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.autoscale": "{max_workers:8,min_workers:4}",
                                                               "*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers": "-"]),
            Row("set the maximum number of workers on the sync cluster to 6", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.autoscale.max_workers": "6"]),
            Row("the billing cluster should have at least 3 workers", ["*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.autoscale.min_workers": "3"]),
            Row("scale the sales sync between 1 and 4 workers", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.autoscale": "{max_workers:4,min_workers:1}"]),
        ],
        ServerlessIntent.id: [
            Row("run the sales sync on serverless", ["*|jobs.sales_sync.job_clusters": "-", "*|jobs.sales_sync.tasks[extract].job_cluster_key": "-"]),
            Row("move the billing job to serverless compute", ["*|jobs.nightly_billing.job_clusters": "-", "*|jobs.sales_sync.job_clusters[sync_cluster].job_cluster_key": "sync_cluster"]),
            Row("switch the marketing digest back to a job cluster", ["*|jobs.marketing_digest.job_clusters[job_cluster].new_cluster.num_workers": "2",
                                                                      "*|jobs.marketing_digest.environments": "-"]),
            Row("go serverless for the sales sync", ["*|jobs.sales_sync.job_clusters": "-"]),
            Row("put the marketing digest on classic compute", ["*|jobs.marketing_digest.tasks[digest].job_cluster_key": "job_cluster"]),
        ],
        WebhookIntent.id: [
            Row("notify the webhook 7a3b2c1d-0000-4000-8000-000000000002 when the sales sync fails",
                ["*|jobs.sales_sync.webhook_notifications.on_failure": "∋7a3b2c1d-0000-4000-8000-000000000002"]),
            // The duration warnings, not failures (enterprise-lakehouse).
            Row("alert slack webhook 7a3b2c1d-0000-4000-8000-000000000002 on duration warnings of the sales sync",
                ["*|jobs.sales_sync.webhook_notifications.on_duration_warning_threshold_exceeded": "∋7a3b2c1d-0000-4000-8000-000000000002",
                 "*|jobs.sales_sync.webhook_notifications.on_failure": "-"]),
            Row("send slack alerts to destination 7a3b2c1d-0000-4000-8000-000000000002 on failure of the billing job",
                ["*|jobs.nightly_billing.webhook_notifications.on_failure": "∋7a3b2c1d-0000-4000-8000-000000000002"]),
            Row("page 7a3b2c1d-0000-4000-8000-000000000003 via pagerduty when the marketing digest fails",
                ["*|jobs.marketing_digest.webhook_notifications.on_failure": "∋7a3b2c1d-0000-4000-8000-000000000003"]),
            Row("call webhook 7a3b2c1d-0000-4000-8000-000000000004 when the sales sync starts",
                ["*|jobs.sales_sync.webhook_notifications.on_start": "∋7a3b2c1d-0000-4000-8000-000000000004", "*|jobs.sales_sync.webhook_notifications.on_failure": "-"]),
            Row("add the notification destination 7a3b2c1d-0000-4000-8000-000000000005 on success for the digest",
                ["*|jobs.marketing_digest.webhook_notifications.on_success": "∋7a3b2c1d-0000-4000-8000-000000000005"]),
        ],
        VariableIntent.id: [
            Row("parameterize the schema", ["raw|variables.schema.default": "sales", "raw|resources.jobs.sales_sync.tasks[extract].notebook_task.base_parameters.schema": "${var.schema}"]),
            Row("add a variable query_warehouse with default abc123", ["raw|variables.query_warehouse.default": "abc123"]),
            Row("make the schema a variable", ["raw|variables.schema.default": "sales"]),
            Row("create a variable region with default eu-west-1", ["raw|variables.region.default": "eu-west-1"]),
            Row("declare a new variable owner with default data-team", ["raw|variables.owner.default": "data-team"]),
            Row("add a variable region with a default value of eu-west-1", ["raw|variables.region.default": "eu-west-1"]),
        ],
        JobParameterIntent.id: [
            Row("add a job parameter catalog to the sales sync that uses the catalog variable", ["*|jobs.sales_sync.parameters[catalog].default": "main"]),
            Row("add a job parameter run_mode with default full to the sales sync", ["*|jobs.sales_sync.parameters[run_mode].default": "full"]),
            Row("add the parameter region defaulting to emea to the marketing digest", ["*|jobs.marketing_digest.parameters[region].default": "emea"]),
            Row("the billing job needs a parameter called env with default dev", ["*|jobs.nightly_billing.parameters[env].default": "dev"]),
            Row("give the sales sync a param batch_size with value 500", ["*|jobs.sales_sync.parameters[batch_size].default": "500"]),
            Row("add a job parameter lookback_days = 7 to the digest", ["*|jobs.marketing_digest.parameters[lookback_days].default": "7"]),
            // Defaults in words (mariya/data-platform-integration, HerrB92/trainingETL): "" and the run's date.
            Row("add a job parameter suffix with default empty to the sales sync", ["*|jobs.sales_sync.parameters[suffix].default": ""]),
            Row("add a job parameter day with default today to the digest", ["*|jobs.marketing_digest.parameters[day].default": "{{job.start_time.iso_date}}"]),
            // A parameter the job has: its default changes.
            Row("set the default of the run_date parameter to 2024-01-01", ["*|jobs.nightly_billing.parameters[run_date].default": "2024-01-01",
                                                                            "*|jobs.nightly_billing.parameters": "[{default:2024-01-01,name:run_date}]"]),
            // The job by its key after the value ("50 in machine_load" was the value), and "bump".
            Row("set the job parameter run_date to 2024-01-01 in nightly_billing", ["*|jobs.nightly_billing.parameters[run_date].default": "2024-01-01"]),
            Row("bump run_date default to 2024-02-01 for the billing job", ["*|jobs.nightly_billing.parameters[run_date].default": "2024-02-01"]),
            Row("change the run_date job parameter default to {{job.trigger.time.iso_date}} in prod",
                ["prod|jobs.nightly_billing.parameters[run_date].default": "{{job.trigger.time.iso_date}}",
                 "dev|jobs.nightly_billing.parameters[run_date].default": "{{job.start_time.iso_date}}"]),
        ],
        LibraryVersionIntent.id: [
            Row("upgrade pandas to 2.2.3", ["*|jobs.marketing_digest.environments[default].spec.dependencies": "[pandas==2.2.3]"]),
            Row("pin pandas to 2.2.2 in the marketing digest", ["*|jobs.marketing_digest.environments[default].spec.dependencies": "[pandas==2.2.2]"]),
            Row("bump pandas to >=2.2", ["*|jobs.marketing_digest.environments[default].spec.dependencies": "[pandas>=2.2]"]),
            Row("update the pandas package to 2.1.4", ["*|jobs.marketing_digest.environments[default].spec.dependencies": "[pandas==2.1.4]"]),
            Row("downgrade pandas to 1.5.3 for the digest", ["*|jobs.marketing_digest.environments[default].spec.dependencies": "[pandas==1.5.3]",
                                                             "*|jobs.marketing_digest.environments[default].spec.environment_version": "2"]),
        ],
        LibraryRemovalIntent.id: [
            Row("remove the pandas dependency", ["*|jobs.marketing_digest.environments[default].spec.dependencies": "-"]),
            Row("uninstall pandas from the marketing digest", ["*|jobs.marketing_digest.environments[default].spec.dependencies": "-"]),
            Row("drop pandas==2.2.2 from the digest", ["*|jobs.marketing_digest.environments[default].spec.dependencies": "-"]),
            Row("we no longer need the pandas package", ["*|jobs.marketing_digest.environments[default].spec.dependencies": "-"]),
            Row("get rid of the pandas library", ["*|jobs.marketing_digest.environments[default].spec.dependencies": "-",
                                                  "*|jobs.marketing_digest.environments[default].spec.environment_version": "2"]),
        ],
        LibraryIntent.id: [
            // A requirements file: a cluster task's `requirements`, an environment's `-r`, relative to the job's file.
            Row("add requirements.txt to the sales sync", ["*|jobs.sales_sync.tasks[extract].libraries": "∋{requirements:../requirements.txt}",
                                                           "*|jobs.sales_sync.tasks[load].libraries": "[{requirements:../requirements.txt}]"]),
            Row("install the requirements file on the marketing digest", ["*|jobs.marketing_digest.environments[default].spec.dependencies": "∋-r ../../requirements.txt"]),
            Row("add polars to the digest environment", ["*|jobs.marketing_digest.environments[default].spec.dependencies": "∋polars", "raw|targets.polars": "-"]),
            // The package listed already takes the version (pricing-workbench: lightgbm listed twice).
            Row("add pandas==2.2.2 to the digest environment", ["*|jobs.marketing_digest.environments[default].spec.dependencies": "[pandas==2.2.2]"]),
            Row("install the PyPI package requests==2.32.3 on the sales sync", ["*|jobs.sales_sync.tasks[extract].libraries": "∋{pypi:{package:requests==2.32.3}}"]),
            Row("add the Maven library com.example:lib:1.0 to the billing job", ["*|jobs.nightly_billing.tasks[export].libraries": "∋{maven:{coordinates:com.example:lib:1.0}}"]),
            Row("the marketing digest needs the pyyaml package", ["*|jobs.marketing_digest.environments[default].spec.dependencies": "∋pyyaml",
                                                                  "*|jobs.marketing_digest.tasks[digest].libraries": "-"]),
            Row("pip install scikit-learn for the marketing digest", ["*|jobs.marketing_digest.environments[default].spec.dependencies": "∋scikit-learn"]),
            Row("add pandas==2.2.2 to the marketing digest", ["*|jobs.marketing_digest.environments[default].spec.dependencies": "∋pandas==2.2.2"]),
            // "serverless" is where, not a switch of compute: the only job with a serverless environment.
            Row("install polars on serverless", ["*|jobs.marketing_digest.environments[default].spec.dependencies": "∋polars",
                                                 "*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers": "4"]),
            Row("add pyarrow to the serverless environment", ["*|jobs.marketing_digest.environments[default].spec.dependencies": "∋pyarrow",
                                                             "*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers": "4"]),
        ],
        AddTaskIntent.id: [
            Row("add a task report after load that runs src/report.py to the sales sync", ["*|jobs.sales_sync.tasks[report].depends_on": "[{task_key:load}]"]),
            Row("create a step cleanup in the billing job running src/cleanup.py", ["*|jobs.nightly_billing.tasks[cleanup].depends_on": "[{task_key:export}]"]),
            Row("append a task notify to the marketing digest that runs src/notify.py", ["*|jobs.marketing_digest.tasks[notify].task_key": "notify"]),
            Row("add a new task audit after extract running src/audit.py", ["*|jobs.sales_sync.tasks[audit].depends_on": "[{task_key:extract}]"]),
            Row("add task publish to the billing job after export, running src/publish.py", ["*|jobs.nightly_billing.tasks[publish].depends_on": "[{task_key:export}]"]),
            // No name: the file's; "after the extract task" in words; a plain Python file on the job's compute.
            Row("add a task that runs src/report.py after the extract task", ["*|jobs.sales_sync.tasks[report].depends_on": "[{task_key:extract}]",
                                                                              "*|jobs.sales_sync.tasks[report].job_cluster_key": "sync_cluster"]),
            Row("add a step called digest_again running src/digest.py to the marketing digest",
                ["*|jobs.marketing_digest.tasks[digest_again].spark_python_task.python_file": "../../src/digest.py",
                 "*|jobs.marketing_digest.tasks[digest_again].environment_key": "default"]),
        ],
        RemoveTaskIntent.id: [
            Row("remove the load task", ["*|jobs.sales_sync.tasks[load]": "-", "*|jobs.sales_sync.tasks[extract].task_key": "extract"]),
            // The tasks after a removed one keep their place: they wait for what it waited for.
            Row("delete the extract step from the sales sync", ["*|jobs.sales_sync.tasks[extract]": "-", "*|jobs.sales_sync.tasks[load].depends_on": "-"]),
            Row("drop the load task of sales_sync", ["*|jobs.sales_sync.tasks[load]": "-"]),
            Row("get rid of the extract task", ["*|jobs.sales_sync.tasks[extract]": "-", "*|jobs.sales_sync.tasks[load].task_key": "load"]),
            Row("the sales sync doesn't need the load step anymore, remove it", ["*|jobs.sales_sync.tasks[load]": "-"]),
        ],
        VariableValueIntent.id: [
            Row("set the catalog variable to gold in prod", ["raw|targets.prod.variables.catalog": "gold", "raw|variables.catalog.default": "main"]),
            Row("change the default of the catalog variable to silver", ["raw|variables.catalog.default": "silver", "raw|targets.prod.variables": "-"]),
            Row("var.catalog should be bronze for dev", ["raw|targets.dev.variables.catalog": "bronze", "raw|targets.prod.variables": "-"]),
            Row("update the catalog variable to analytics", ["raw|variables.catalog.default": "analytics"]),
            Row("in dev the catalog variable should be sandbox", ["raw|targets.dev.variables.catalog": "sandbox"]),
            // Two targets named: both get it (prod was dropped).
            Row("set the catalog variable to gold in dev and prod", ["raw|targets.dev.variables.catalog": "gold", "raw|targets.prod.variables.catalog": "gold",
                                                                      "raw|variables.catalog.default": "main"]),
            Row("set the catalog variable to lake in all targets", ["raw|targets.dev.variables.catalog": "lake", "raw|targets.prod.variables.catalog": "lake"]),
        ],
        TaskDependencyIntent.id: [
            Row("run load and extract in parallel", ["*|jobs.sales_sync.tasks[load].depends_on": "-", "*|jobs.sales_sync.tasks[extract].task_key": "extract"]),
            Row("the load task should no longer depend on extract", ["*|jobs.sales_sync.tasks[load].depends_on": "-"]),
            Row("load shouldn't wait for extract anymore", ["*|jobs.sales_sync.tasks[load].depends_on": "-"]),
            Row("remove the task dependency between extract and load", ["*|jobs.sales_sync.tasks[load].depends_on": "-"]),
            Row("let the extract and load steps run independently", ["*|jobs.sales_sync.tasks[load].depends_on": "-"]),
            Row("run load in parallel with extract", ["*|jobs.sales_sync.tasks[load].depends_on": "-", "*|jobs.sales_sync.max_concurrent_runs": "-"]),
        ],
        TaskRunIfIntent.id: [
            Row("run the load task even if the tasks before it fail", ["*|jobs.sales_sync.tasks[load].run_if": "ALL_DONE"]),
            Row("load should run only when a task before it fails", ["*|jobs.sales_sync.tasks[load].run_if": "AT_LEAST_ONE_FAILED"]),
            Row("set run_if of the load task to NONE_FAILED", ["*|jobs.sales_sync.tasks[load].run_if": "NONE_FAILED"]),
            Row("always run load, whether or not extract succeeded before it", ["*|jobs.sales_sync.tasks[load].run_if": "ALL_DONE"]),
            Row("make load run all_done in prod", ["prod|jobs.sales_sync.tasks[load].run_if": "ALL_DONE", "dev|jobs.sales_sync.tasks[load].run_if": "-"]),
        ],
        TaskParameterIntent.id: [
            Row("set the notebook parameter run_date to 2024-01-01 on the extract task", ["*|jobs.sales_sync.tasks[extract].notebook_task.base_parameters.run_date": "2024-01-01"]),
            Row("pass schema=sales_v2 to the extract notebook", ["*|jobs.sales_sync.tasks[extract].notebook_task.base_parameters.schema": "sales_v2"]),
            // The task by its key alone (pipeline_demo: "pass max_evals=50 to train_model_a").
            Row("pass mode=full to load", ["*|jobs.sales_sync.tasks[load].notebook_task.base_parameters.mode": "full",
                                           "*|jobs.sales_sync.tasks[extract].notebook_task.base_parameters.mode": "-"]),
            Row("set the base parameter mode to full for the load task in prod", ["prod|jobs.sales_sync.tasks[load].notebook_task.base_parameters.mode": "full",
                                                                                 "dev|jobs.sales_sync.tasks[load].notebook_task.base_parameters": "-"]),
            Row("the export task's widget region should be emea", ["*|jobs.nightly_billing.tasks[export].notebook_task.base_parameters.region": "emea"]),
            Row("remove the notebook parameter schema from the extract task", ["*|jobs.sales_sync.tasks[extract].notebook_task.base_parameters.schema": "-",
                                                                               "*|jobs.sales_sync.tasks[extract].notebook_task.base_parameters.catalog": "main"]),
        ],
        SparkConfIntent.id: [
            Row("set spark.sql.shuffle.partitions to 200 on the sync cluster", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.spark_conf": "{spark.sql.shuffle.partitions:200}"]),
            Row("add the spark conf spark.speculation=true to the billing job", ["*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.spark_conf": "{spark.speculation:true}"]),
            Row("spark.sql.adaptive.enabled should be false for the sales sync in prod", ["prod|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.spark_conf": "{spark.sql.adaptive.enabled:false}",
                                                                                        "dev|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.spark_conf": "-"]),
            Row("configure spark.executor.memory as 8g on the billing cluster", ["*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.spark_conf": "{spark.executor.memory:8g}"]),
            Row("set the spark config spark.databricks.io.cache.enabled to true in dev for the sync cluster",
                ["dev|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.spark_conf": "{spark.databricks.io.cache.enabled:true}",
                 "prod|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.spark_conf": "-"]),
        ],
        SparkEnvVarsIntent.id: [
            Row("set the environment variable LOG_LEVEL=debug on the sync cluster", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.spark_env_vars.LOG_LEVEL": "debug"]),
            Row("add the env var ENV=prod to the billing job in prod", ["prod|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.spark_env_vars.ENV": "prod",
                                                                       "dev|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.spark_env_vars": "-"]),
            Row("set env var PYTHONPATH to /Workspace/Shared/libs for the sales sync", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.spark_env_vars.PYTHONPATH": "/Workspace/Shared/libs"]),
            Row("the sync cluster needs the environment variable TZ=UTC", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.spark_env_vars.TZ": "UTC"]),
            Row("export the environment variable MODE=batch on the billing job", ["*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.spark_env_vars.MODE": "batch"]),
        ],
        ClusterPolicyIntent.id: [
            Row("use the cluster policy E0631F5C0D000A2F for the sales sync", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.policy_id": "E0631F5C0D000A2F"]),
            Row("apply policy 0012ABCD34 to the billing cluster in prod", ["prod|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.policy_id": "0012ABCD34",
                                                                          "dev|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.policy_id": "-"]),
            Row("the sync cluster should use policy id ABCDEF0123456789", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.policy_id": "ABCDEF0123456789"]),
            Row("set the policy_id of the billing job cluster to 9C6B7A1E2F3D4C5B", ["*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.policy_id": "9C6B7A1E2F3D4C5B"]),
            Row("put the sales sync under the cluster policy D1E2F3A4B5C6", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.policy_id": "D1E2F3A4B5C6"]),
        ],
        InstancePoolIntent.id: [
            // A pool decides the node type: the cluster's own goes, and the cluster stays a job cluster.
            Row("use instance pool 0101-120000-pool1234 for the sync cluster", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.instance_pool_id": "0101-120000-pool1234",
                                                                                "*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.node_type_id": "-",
                                                                                "*|jobs.sales_sync.tasks[extract].job_cluster_key": "sync_cluster"]),
            Row("put the billing cluster on the pool 1234-567890-abc123-pool-XYZ987", ["*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.instance_pool_id": "1234-567890-abc123-pool-XYZ987",
                                                                                     "*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.node_type_id": "-"]),
            Row("set instance_pool_id to 0202-020202-pool5678 on the sync cluster", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.instance_pool_id": "0202-020202-pool5678"]),
            Row("the sales sync should take its nodes from pool 0404-040404-pool4444", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.instance_pool_id": "0404-040404-pool4444"]),
            Row("run the sales sync cluster from the instance pool 0303-030303-pool9999", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.instance_pool_id": "0303-030303-pool9999"]),
        ],
        DurationWarningIntent.id: [
            Row("warn ops@example.com when the sales sync runs longer than 2 hours", ["*|jobs.sales_sync.health.rules": "[{metric:RUN_DURATION_SECONDS,op:GREATER_THAN,value:7200}]",
                                                                                    "*|jobs.sales_sync.email_notifications.on_duration_warning_threshold_exceeded": "∋ops@example.com",
                                                                                    "*|jobs.sales_sync.timeout_seconds": "-"]),
            Row("alert me if the billing job takes more than 45 minutes", ["*|jobs.nightly_billing.health.rules": "[{metric:RUN_DURATION_SECONDS,op:GREATER_THAN,value:2700}]"]),
            // The warning by its name (enterprise-lakehouse: "set the SLA warning on the daily job to 90 minutes").
            Row("set the SLA warning on the billing job to 90 minutes", ["*|jobs.nightly_billing.health.rules": "[{metric:RUN_DURATION_SECONDS,op:GREATER_THAN,value:5400}]"]),
            // A task named: its own rule, the job's untouched.
            Row("warn ops@example.com if the load task runs longer than 20 minutes", ["*|jobs.sales_sync.tasks[load].health.rules": "[{metric:RUN_DURATION_SECONDS,op:GREATER_THAN,value:1200}]",
                                                                                      "*|jobs.sales_sync.tasks[load].email_notifications.on_duration_warning_threshold_exceeded": "∋ops@example.com",
                                                                                      "*|jobs.sales_sync.health": "-"]),
            Row("send a warning when the marketing digest runs over 30 minutes", ["*|jobs.marketing_digest.health.rules": "[{metric:RUN_DURATION_SECONDS,op:GREATER_THAN,value:1800}]"]),
            Row("notify data-team@example.com if the sales sync duration exceeds 3 hours in prod",
                ["prod|jobs.sales_sync.health.rules": "[{metric:RUN_DURATION_SECONDS,op:GREATER_THAN,value:10800}]", "dev|jobs.sales_sync.health": "-"]),
            Row("add a health alert for billing runs longer than 90 minutes", ["*|jobs.nightly_billing.health.rules": "[{metric:RUN_DURATION_SECONDS,op:GREATER_THAN,value:5400}]"]),
        ],
        EnvironmentVersionIntent.id: [
            Row("use python 3.10 for the marketing digest", ["*|jobs.marketing_digest.environments[default].spec.environment_version": "1"]),
            Row("upgrade the digest to Python 3.12 in prod", ["prod|jobs.marketing_digest.environments[default].spec.environment_version": "3",
                                                             "dev|jobs.marketing_digest.environments[default].spec.environment_version": "2"]),
            Row("change the environment version to 3", ["*|jobs.marketing_digest.environments[default].spec.environment_version": "3"]),
            Row("use serverless environment version 4 for the marketing digest", ["*|jobs.marketing_digest.environments[default].spec.environment_version": "4"]),
            Row("upgrade the default environment to version 3 in prod", ["prod|jobs.marketing_digest.environments[default].spec.environment_version": "3",
                                                                        "dev|jobs.marketing_digest.environments[default].spec.environment_version": "2"]),
            Row("set environment_version 4", ["*|jobs.marketing_digest.environments[default].spec.environment_version": "4"]),
            Row("bump the env version of the marketing digest to 3", ["*|jobs.marketing_digest.environments[default].spec.environment_version": "3"]),
        ],
        TaskSourceIntent.id: [
            Row("change the notebook path of the load task to src/report.py", ["*|jobs.sales_sync.tasks[load].notebook_task.notebook_path": "../src/report.py"]),
            Row("point the extract task at src/cleanup.py", ["*|jobs.sales_sync.tasks[extract].notebook_task.notebook_path": "../src/cleanup.py"]),
            Row("the export step should run src/audit.py", ["*|jobs.nightly_billing.tasks[export].notebook_task.notebook_path": "../src/audit.py"]),
            Row("switch the digest task to src/publish.py", ["*|jobs.marketing_digest.tasks[digest].spark_python_task.python_file": "../../src/publish.py"]),
            // In prod's override block of databricks.yml: relative to that file.
            Row("use src/notify.py for the load task in prod", ["prod|jobs.sales_sync.tasks[load].notebook_task.notebook_path": "src/notify.py",
                                                               "dev|jobs.sales_sync.tasks[load].notebook_task.notebook_path": "../src/load.py"]),
        ],
        AddTargetIntent.id: [
            Row("add a staging target", ["raw|targets.staging.mode": "production"]),
            Row("create a new target called qa", ["raw|targets.qa.mode": "development"]),
            Row("add a uat environment", ["raw|targets.uat.mode": "production"]),
            Row("add a target named perf like prod", ["raw|targets.perf.mode": "production"]),
            Row("define a sandbox target", ["raw|targets.sandbox.mode": "development"]),
            // The mode asked for, of a target that does not exist yet (it was refused as a mode change).
            Row("add a qa target in production mode", ["raw|targets.qa.mode": "production"]),
        ],
        RemoveResourceIntent.id: [
            Row("delete the marketing digest job", ["*|jobs.marketing_digest": "-", "*|jobs.sales_sync.name": "Sales Sync"]),
            Row("remove the billing job", ["*|jobs.nightly_billing": "-", "*|jobs.marketing_digest.name": "marketing-digest"]),
            Row("drop the sales sync job", ["*|jobs.sales_sync": "-"]),
            Row("get rid of the sales overview dashboard", ["*|dashboards.sales_overview": "-", "*|jobs.sales_sync.name": "Sales Sync"]),
            Row("remove the marketing digest workflow", ["*|jobs.marketing_digest": "-"]),
            // From one target: it stays in the other.
            Row("remove the billing job from dev", ["dev|jobs.nightly_billing": "-", "prod|jobs.nightly_billing.tasks[export].notebook_task.notebook_path": "../src/export.py"]),
            // Another name of a target is that target, never every target.
            Row("remove the marketing digest job from prd", ["prod|jobs.marketing_digest": "-", "dev|jobs.marketing_digest.name": "marketing-digest"]),
            Row("delete the marketing digest job from the bundle", ["*|jobs.marketing_digest": "-"]),
        ],
        ResourceTargetsIntent.id: [
            Row("only deploy the sales sync job to prod", ["dev|jobs.sales_sync": "-", "prod|jobs.sales_sync.name": "Sales Sync",
                                                           "prod|jobs.sales_sync.tasks[load].notebook_task.notebook_path": "../src/load.py"]),
            Row("don't deploy the marketing digest to dev", ["dev|jobs.marketing_digest": "-", "prod|jobs.marketing_digest.name": "marketing-digest"]),
            Row("keep the billing job only in prod", ["dev|jobs.nightly_billing": "-", "prod|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.autoscale.max_workers": "8"]),
            Row("the dashboard should only exist in dev", ["prod|dashboards.sales_overview": "-", "dev|dashboards.sales_overview.display_name": "Sales overview"]),
            Row("exclude the marketing digest job from prod", ["prod|jobs.marketing_digest": "-", "dev|jobs.marketing_digest.name": "marketing-digest"]),
        ],
        RemoveTargetIntent.id: [
            Row("remove the prod target", ["raw|targets.prod": "-", "raw|targets.dev.mode": "development"]),
            Row("delete target prod", ["raw|targets.prod": "-"]),
            Row("drop the prod environment", ["raw|targets.prod": "-"]),
            Row("get rid of the prod target", ["raw|targets.prod": "-"]),
            // The default, with one other left: that one is the only target, and so the default.
            Row("delete the dev target", ["raw|targets.dev": "-", "raw|targets.prod.mode": "production"]),
        ],
        NewJobIntent.id: [
            Row("add a new job that runs src/report.py", ["*|jobs.report.tasks[report].notebook_task.notebook_path": "../src/report.py",
                                                          "raw|include": "[resources/*.yml,resources/*/*.yml]"]),
            Row("create a job called audit that runs src/audit.py", ["*|jobs.audit.name": "audit", "*|jobs.audit.tasks[audit].notebook_task.notebook_path": "../src/audit.py"]),
            // A plain Python file: a spark_python_task in a serverless environment.
            Row("add another job for src/digest.py", ["*|jobs.digest.tasks[digest].spark_python_task.python_file": "../src/digest.py",
                                                      "*|jobs.digest.environments[default].spec.environment_version": "2",
                                                      "*|jobs.digest.tasks[digest].environment_key": "default"]),
            Row("make a new job named cleanup_job running src/cleanup.py", ["*|jobs.cleanup_job.tasks[cleanup].notebook_task.notebook_path": "../src/cleanup.py"]),
            Row("define a job that runs src/notify.py every night", ["*|jobs.notify.tasks[notify].notebook_task.notebook_path": "../src/notify.py",
                                                                     "*|jobs.sales_sync.tasks[load].notebook_task.notebook_path": "../src/load.py"]),
        ],
        RenameTaskIntent.id: [
            Row("rename the task extract to extract_orders", ["*|jobs.sales_sync.tasks[extract_orders].notebook_task.notebook_path": "../src/extract.py",
                                                              "*|jobs.sales_sync.tasks[extract]": "-",
                                                              "*|jobs.sales_sync.tasks[load].depends_on": "[{task_key:extract_orders}]"]),
            Row("rename the extract step to pull", ["*|jobs.sales_sync.tasks[pull].task_key": "pull", "*|jobs.sales_sync.tasks[load].depends_on": "[{task_key:pull}]"]),
            Row("rename the load task of the sales sync to load_sales", ["*|jobs.sales_sync.tasks[load_sales].task_key": "load_sales", "*|jobs.sales_sync.tasks[load]": "-"]),
            Row("rename task digest to build_digest", ["*|jobs.marketing_digest.tasks[build_digest].task_key": "build_digest"]),
            Row("rename the export step as export_invoices", ["*|jobs.nightly_billing.tasks[export_invoices].task_key": "export_invoices",
                                                              "*|jobs.nightly_billing.tasks[export]": "-"]),
        ],
        WarehouseIntent.id: [
            // The dashboard takes its warehouse from ${var.warehouse_id}: the variable changes.
            Row("use warehouse 1234abcd5678efgh", ["raw|variables.warehouse_id.default": "1234abcd5678efgh", "*|dashboards.sales_overview.warehouse_id": "1234abcd5678efgh"]),
            Row("change the warehouse to 1234abcd5678efgh in prod", ["raw|targets.prod.variables.warehouse_id": "1234abcd5678efgh",
                                                                    "dev|dashboards.sales_overview.warehouse_id": "abcdef1234567890"]),
            Row("point the dashboard at warehouse 9876fedc5432", ["raw|variables.warehouse_id.default": "9876fedc5432"]),
            Row("set warehouse_id=5555aaaa6666 for dev", ["raw|targets.dev.variables.warehouse_id": "5555aaaa6666", "raw|variables.warehouse_id.default": "abcdef1234567890"]),
            Row("switch the sales overview dashboard to the warehouse 77aa88bb99cc in prod", ["prod|dashboards.sales_overview.warehouse_id": "77aa88bb99cc"]),
        ],
        DefaultTargetIntent.id: [
            Row("make prod the default target", ["raw|targets.prod.default": "true", "raw|targets.dev.default": "-"]),
            Row("the default target should be prod", ["raw|targets.prod.default": "true", "raw|targets.dev.default": "-"]),
            Row("set the default target to prod", ["raw|targets.prod.default": "true", "raw|targets.dev.default": "-"]),
            Row("make prod the default", ["raw|targets.prod.default": "true", "raw|targets.dev.default": "-"]),
            Row("use prod as the default target", ["raw|targets.prod.default": "true", "raw|targets.dev.default": "-"]),
            Row("switch the default target to prod", ["raw|targets.prod.default": "true", "raw|targets.dev.default": "-"]),
        ],
        TargetModeIntent.id: [
            // (prod deploys to /Workspace/Shared: in development mode that is refused, development-user-path.)
            Row("dev should not use development mode", ["raw|targets.dev.mode": "-", "raw|targets.prod.mode": "production"]),
            Row("put the dev target in production mode", ["raw|targets.dev.mode": "production", "raw|targets.prod.mode": "production"]),
            Row("turn off development mode for dev", ["raw|targets.dev.mode": "-", "raw|targets.prod.mode": "production"]),
            Row("make dev a production target", ["raw|targets.dev.mode": "production"]),
            Row("deploy dev with mode: production", ["raw|targets.dev.mode": "production"]),
            // (It removed the mode: "not" read as turning a mode off.)
            Row("and dev should be production mode, not development", ["raw|targets.dev.mode": "production"]),
            Row("dev shouldn't be in development mode", ["raw|targets.dev.mode": "-"]),
            Row("stop deploying dev in development mode", ["raw|targets.dev.mode": "-"]),
        ],
        TargetWorkspaceIntent.id: [
            Row("set the prod workspace host to https://adb-1234567890123456.7.azuredatabricks.net",
                ["raw|targets.prod.workspace.host": "https://adb-1234567890123456.7.azuredatabricks.net", "raw|targets.dev.workspace": "-",
                 "raw|targets.prod.workspace.root_path": "/Workspace/Shared/.bundle/${bundle.name}/${bundle.target}"]),
            Row("set the root path for prod to /Workspace/Shared/.bundle/sales", ["raw|targets.prod.workspace.root_path": "/Workspace/Shared/.bundle/sales"]),
            Row("use the PROD profile for prod", ["raw|targets.prod.workspace.profile": "PROD", "raw|targets.dev.workspace": "-"]),
            Row("dev should use the profile dev-ws", ["raw|targets.dev.workspace.profile": "dev-ws"]),
            Row("deploy prod to /Workspace/Shared/bundles/sales", ["raw|targets.prod.workspace.root_path": "/Workspace/Shared/bundles/sales"]),
            // No target named, none sets its own host: the bundle's workspace block.
            Row("set the workspace host to company.cloud.databricks.com", ["raw|workspace.host": "https://company.cloud.databricks.com", "raw|targets.prod.workspace.host": "-"]),
        ],
        // Without a pipeline, the catalog is the bundle's variable of that name (the jobs pass it on).
        PipelinePublishingIntent.id: [
            Row("change the catalog to sandbox in prod", ["raw|targets.prod.variables.catalog": "sandbox", "raw|variables.catalog.default": "main",
                                                          "prod|jobs.sales_sync.tasks[extract].notebook_task.base_parameters.catalog": "sandbox",
                                                          "dev|jobs.sales_sync.tasks[extract].notebook_task.base_parameters.catalog": "main"]),
            Row("use the catalog sandbox", ["raw|variables.catalog.default": "sandbox", "raw|targets.prod.variables": "-"]),
            Row("set the catalog to qa for dev", ["raw|targets.dev.variables.catalog": "qa", "raw|targets.prod.variables": "-"]),
            Row("write to the sandbox catalog in prod", ["raw|targets.prod.variables.catalog": "sandbox"]),
            Row("switch the catalog to qa", ["*|jobs.sales_sync.tasks[extract].notebook_task.base_parameters.catalog": "qa"]),
        ],
        RunAsIntent.id: [
            Row("run prod as the service principal 6f1c3a52-0000-4000-8000-000000000001", ["raw|targets.prod.run_as.service_principal_name": "6f1c3a52-0000-4000-8000-000000000001"]),
            Row("prod should run as service principal 6f1c3a52-0000-4000-8000-000000000001", ["raw|targets.prod.run_as.service_principal_name": "6f1c3a52-0000-4000-8000-000000000001"]),
            Row("make the bundle run as ana@example.com in dev", ["raw|targets.dev.run_as.user_name": "ana@example.com"]),
            Row("run the prod target as service principal 6f1c3a52-0000-4000-8000-000000000001", ["raw|targets.prod.run_as.service_principal_name": "6f1c3a52-0000-4000-8000-000000000001"]),
            Row("in prod, run_as the service principal 6f1c3a52-0000-4000-8000-000000000001", ["raw|targets.prod.run_as.service_principal_name": "6f1c3a52-0000-4000-8000-000000000001"]),
            // A job named: its own run_as.
            Row("run the billing job as service principal 6f1c3a52-0000-4000-8000-000000000001", ["*|jobs.nightly_billing.run_as.service_principal_name": "6f1c3a52-0000-4000-8000-000000000001",
                                                                                                  "raw|run_as": "-", "*|jobs.sales_sync.run_as": "-"]),
        ],
        TagsIntent.id: [
            Row("set the team tag of the sales sync to finance", ["*|jobs.sales_sync.tags.team": "finance"]),
            Row("add a tag env=prod to everything in prod", ["raw|targets.prod.presets.tags.env": "prod", "raw|targets.dev.presets": "-"]),
            Row("tag everything with cost_center=1234", ["*|jobs.sales_sync.tags.cost_center": "1234", "*|jobs.marketing_digest.tags.cost_center": "1234"]),
            Row("add the tag team=data to the dev target", ["raw|targets.dev.presets.tags.team": "data", "raw|targets.prod.presets": "-"]),
            Row("tag the sales sync with team=data", ["*|jobs.sales_sync.tags.team": "data"]),
            // A cluster named: its custom_tags, not the job's tags.
            Row("add the custom tag cost_center=42 to the sync cluster", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.custom_tags.cost_center": "42",
                                                                          "*|jobs.sales_sync.tags.cost_center": "-"]),
            Row("clear the tags of the sales sync", ["*|jobs.sales_sync.tags": "-"]),
            Row("add the tag cost-center: 42 to the billing job", ["*|jobs.nightly_billing.tags.cost-center": "42"]),
            Row("remove the tag cost from the sales sync", ["*|jobs.sales_sync.tags.cost": "-", "*|jobs.sales_sync.tags.team": "sales"]),
            Row("label all jobs with owner=platform", ["*|jobs.sales_sync.tags.owner": "platform", "*|jobs.marketing_digest.tags.owner": "platform",
                                                       "*|jobs.nightly_billing.tags.owner": "platform"]),
        ],
        GrantIntent.id: [
            // A preposition is no principal (panama-open-data: granted "to in").
            Row("let analysts write to the exports volume in prod", ["prod|volumes.exports.grants": "∋{principal:analysts,privileges:[READ_VOLUME,WRITE_VOLUME]}"]),
            // Unity Catalog privileges: the schema's grants, never where a pipeline publishes.
            Row("grant USE_SCHEMA on the gold schema to the group analysts", ["*|schemas.gold.grants": "∋{principal:analysts,privileges:[USE_SCHEMA]}",
                                                                              "*|schemas.gold.name": "gold"]),
            Row("give analysts select on the gold schema", ["*|schemas.gold.grants": "∋{principal:analysts,privileges:[SELECT]}"]),
            Row("let ana@example.com read the gold schema", ["*|schemas.gold.grants": "∋{principal:ana@example.com,privileges:[USE_SCHEMA,SELECT]}"]),
            Row("let the data-engineers group write to the exports volume", ["*|volumes.exports.grants": "∋{principal:data-engineers,privileges:[READ_VOLUME,WRITE_VOLUME]}"]),
            Row("grant all privileges on schema gold to admins", ["*|schemas.gold.grants": "∋{principal:admins,privileges:[ALL_PRIVILEGES]}"]),
            // A privilege written out names what it is about, whatever the securable is called.
            Row("grant READ_VOLUME on exports to group analysts", ["*|volumes.exports.grants": "∋{principal:analysts,privileges:[READ_VOLUME]}"]),
        ],
        PermissionIntent.id: [
            // "manage runs" is CAN_MANAGE_RUN, not CAN_MANAGE (postnl-retail).
            Row("let the group ops manage runs of the sales sync", ["*|jobs.sales_sync.permissions": "∋{group_name:ops,level:CAN_MANAGE_RUN}"]),
            // Each kind of resource has its own levels.
            Row("let the group analysts view the sales overview dashboard", ["*|dashboards.sales_overview.permissions": "∋{group_name:analysts,level:CAN_READ}",
                                                                             "*|jobs.sales_sync.permissions": "-"]),
            Row("let finance view the marketing digest", ["*|jobs.marketing_digest.permissions": "∋{group_name:finance,level:CAN_VIEW}"]),
            Row("give ana@example.com CAN_MANAGE_RUN on the sales sync", ["*|jobs.sales_sync.permissions": "∋{level:CAN_MANAGE_RUN,user_name:ana@example.com}"]),
            Row("allow the data-engineers group to manage the billing job", ["*|jobs.nightly_billing.permissions": "∋{group_name:data-engineers,level:CAN_MANAGE}"]),
            Row("give the data-engineers group CAN_MANAGE_RUN on the sales sync", ["*|jobs.sales_sync.permissions": "∋{group_name:data-engineers,level:CAN_MANAGE_RUN}"]),
            // A level beside "group" is no group's name.
            Row("give the analysts group CAN_RUN on the sales overview dashboard", ["*|dashboards.sales_overview.permissions": "∋{group_name:analysts,level:CAN_RUN}"]),
            Row("give the analysts group CAN_EDIT on the sales overview dashboard in prod", ["prod|dashboards.sales_overview.permissions": "∋{group_name:analysts,level:CAN_EDIT}",
                                                                                            "dev|dashboards.sales_overview.permissions": "-"]),
            Row("grant analysts access to the sales sync", ["*|jobs.sales_sync.permissions": "∋{group_name:analysts,level:CAN_VIEW}"]),
            Row("let service principal 6f1c3a52-0000-4000-8000-000000000001 run the billing job",
                ["*|jobs.nightly_billing.permissions": "∋{level:CAN_MANAGE_RUN,service_principal_name:6f1c3a52-0000-4000-8000-000000000001}"]),
            // The whole bundle, or a target: the top-level permissions every resource gets (CAN_RUN there).
            Row("let everyone view everything", ["raw|permissions": "∋{group_name:users,level:CAN_VIEW}", "raw|resources.jobs.sales_sync.permissions": "-"]),
            Row("give ana@example.com CAN_MANAGE_RUN on the prod target", ["raw|targets.prod.permissions": "∋{level:CAN_RUN,user_name:ana@example.com}",
                                                                           "raw|permissions": "-"]),
            Row("grant the admins group CAN_MANAGE on the whole bundle", ["raw|permissions": "∋{group_name:admins,level:CAN_MANAGE}"]),
        ],
        QueueIntent.id: [
            Row("turn on queueing for the sales sync", ["*|jobs.sales_sync.queue.enabled": "true"]),
            Row("disable the queue of the billing job in dev", ["dev|jobs.nightly_billing.queue.enabled": "false", "prod|jobs.nightly_billing.queue": "-"]),
            Row("queue runs of the marketing digest", ["*|jobs.marketing_digest.queue.enabled": "true"]),
            Row("don't queue the sales sync runs", ["*|jobs.sales_sync.queue.enabled": "false"]),
            Row("enable run queueing on the billing job", ["*|jobs.nightly_billing.queue.enabled": "true"]),
        ],
        JobNameIntent.id: [
            Row("rename the sales sync to \"Sales Sync v2\"", ["*|jobs.sales_sync.name": "Sales Sync v2"]),
            Row("describe the billing job as \"Exports invoices\"", ["*|jobs.nightly_billing.description": "Exports invoices"]),
            Row("rename the marketing digest to \"Weekly digest\"", ["*|jobs.marketing_digest.name": "Weekly digest"]),
            Row("set the description of the sales sync to 'Copies sales from the ERP'", ["*|jobs.sales_sync.description": "Copies sales from the ERP"]),
            Row("give the billing job the name \"Billing export (nightly)\"", ["*|jobs.nightly_billing.name": "Billing export (nightly)"]),
            Row("add a description to the billing job: Exports invoices every night", ["*|jobs.nightly_billing.description": "Exports invoices every night"]),
        ],
        SparkVersionIntent.id: [
            Row("move the ml cluster to 16.4 LTS ML", ["*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.spark_version": "16.4.x-cpu-ml-scala2.12"]),
            Row("upgrade the sales sync to the latest LTS", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.spark_version": "17.3.x-scala2.13"]),
            Row("use Databricks Runtime 16.4 for the sync cluster in dev", ["dev|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.spark_version": "16.4.x-scala2.12",
                                                                            "prod|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.spark_version": "15.4.x-scala2.12"]),
            Row("bump the billing job to DBR 17.3", ["*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.spark_version": "17.3.x-cpu-ml-scala2.13"]),
            Row("downgrade the sales sync runtime to 14.3", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.spark_version": "14.3.x-scala2.12"]),
            // Everywhere: each cluster keeps its flavour.
            Row("upgrade all clusters to 16.4 LTS", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.spark_version": "16.4.x-scala2.12",
                                                     "*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.spark_version": "16.4.x-cpu-ml-scala2.12",
                                                     "*|clusters.shared_cluster.spark_version": "16.4.x-scala2.12"]),
        ],
        NodeTypeIntent.id: [
            Row("use a larger node type for the sales sync", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.node_type_id": "i3.2xlarge"]),
            // The driver's own type, never more workers or the workers' type (dbrx-multimodel).
            Row("use a larger driver on the sync cluster", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.driver_node_type_id": "i3.2xlarge",
                                                            "*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.node_type_id": "i3.xlarge",
                                                            "*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers": "4"]),
            Row("set the driver node type to i3.8xlarge on the sync cluster", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.driver_node_type_id": "i3.8xlarge",
                                                                              "*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.node_type_id": "i3.xlarge"]),
            Row("smaller instances for the billing job", ["*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.node_type_id": "Standard_DS2_v2"]),
            Row("use i3.4xlarge nodes for the sales sync in prod", ["prod|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.node_type_id": "i3.4xlarge",
                                                                    "dev|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.node_type_id": "i3.xlarge"]),
            Row("bigger machines for the sync cluster", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.node_type_id": "i3.2xlarge"]),
            Row("cheaper VMs for the billing job in dev", ["dev|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.node_type_id": "Standard_DS2_v2"]),
        ],
        TriggerIntent.id: [
            Row("trigger the marketing digest when files arrive in /Volumes/main/raw/landing", ["*|jobs.marketing_digest.trigger.file_arrival.url": "/Volumes/main/raw/landing/"]),
            Row("run the billing job when main.finance.invoices is updated", ["*|jobs.nightly_billing.trigger.table_update.table_names": "[main.finance.invoices]"]),
            Row("start the sales sync whenever files land in /Volumes/main/sales/inbox/", ["*|jobs.sales_sync.trigger.file_arrival.url": "/Volumes/main/sales/inbox/"]),
            Row("kick off the digest when new files land in /Volumes/mkt/raw/events", ["*|jobs.marketing_digest.trigger.file_arrival.url": "/Volumes/mkt/raw/events/"]),
            Row("run the sales sync after main.sales.orders changes", ["*|jobs.sales_sync.trigger.table_update.table_names": "[main.sales.orders]"]),
        ],
        VolumeSchemaIntent.id: [
            Row("move the exports volume to the silver schema", ["*|volumes.exports.schema_name": "silver", "*|volumes.exports.catalog_name": "main"]),
            Row("put the exports volume in main.archive", ["*|volumes.exports.schema_name": "archive"]),
            Row("the exports volume should be in the staging schema", ["*|volumes.exports.schema_name": "staging"]),
            Row("relocate the exports volume to schema landing", ["*|volumes.exports.schema_name": "landing"]),
            Row("move the exports volume to the raw schema in prod", ["prod|volumes.exports.schema_name": "raw", "dev|volumes.exports.schema_name": "${resources.schemas.gold.name}"]),
        ],
        AutoTerminationIntent.id: [
            Row("auto-terminate the shared cluster after 30 minutes", ["*|clusters.shared_cluster.autotermination_minutes": "30"]),
            Row("shut down idle clusters after an hour", ["*|clusters.shared_cluster.autotermination_minutes": "60"]),
            Row("terminate the shared cluster after 45 minutes of inactivity", ["*|clusters.shared_cluster.autotermination_minutes": "45"]),
            Row("the all-purpose cluster should shut down after 2 hours idle", ["*|clusters.shared_cluster.autotermination_minutes": "120"]),
            Row("auto-termination of 20 minutes for the shared cluster in dev", ["dev|clusters.shared_cluster.autotermination_minutes": "20",
                                                                                 "prod|clusters.shared_cluster.autotermination_minutes": "-"]),
        ],
        ScheduleRemovalIntent.id: [
            Row("remove the schedule", ["*|jobs.sales_sync.schedule": "-", "*|jobs.sales_sync.name": "Sales Sync"]),
            Row("unschedule the sales sync", ["*|jobs.sales_sync.schedule": "-"]),
            Row("delete the cron of the sales sync job", ["*|jobs.sales_sync.schedule": "-"]),
            Row("the sales sync should only run manually", ["*|jobs.sales_sync.schedule": "-"]),
            Row("get rid of the sales sync schedule", ["*|jobs.sales_sync.schedule": "-"]),
            // A target cannot remove what the definition sets: it pauses it there.
            Row("remove the schedule in prod", ["prod|jobs.sales_sync.schedule.pause_status": "PAUSED",
                                                "dev|jobs.sales_sync.schedule.quartz_cron_expression": "0 0 2 * * ?",
                                                "raw|resources.jobs.sales_sync.schedule.quartz_cron_expression": "0 0 2 * * ?"]),
        ],
        BudgetPolicyIntent.id: [
            Row("set the budget policy of the marketing digest to 6f1c9d2e-1234-4abc-9def-0123456789ab",
                ["*|jobs.marketing_digest.budget_policy_id": "6f1c9d2e-1234-4abc-9def-0123456789ab", "*|jobs.sales_sync.budget_policy_id": "-"]),
            Row("use budget policy 9f8e7d6c-0000-1111-2222-333344445555 for the billing job in prod",
                ["prod|jobs.nightly_billing.budget_policy_id": "9f8e7d6c-0000-1111-2222-333344445555", "dev|jobs.nightly_billing.budget_policy_id": "-"]),
            Row("charge the sales sync to the budget policy team-42", ["*|jobs.sales_sync.budget_policy_id": "team-42"]),
            Row("budget_policy_id 1234-abcd on the marketing digest", ["*|jobs.marketing_digest.budget_policy_id": "1234-abcd"]),
            Row("the marketing digest should use the budget policy 9f8e7d6c-0000-1111-2222-333344445555 in dev",
                ["dev|jobs.marketing_digest.budget_policy_id": "9f8e7d6c-0000-1111-2222-333344445555", "prod|jobs.marketing_digest.budget_policy_id": "-"]),
        ],
        PerformanceTargetIntent.id: [
            // The marketing digest is the only serverless job.
            Row("make the job performance optimized", ["*|jobs.marketing_digest.performance_target": "PERFORMANCE_OPTIMIZED"]),
            Row("use the standard performance mode for the marketing digest", ["*|jobs.marketing_digest.performance_target": "STANDARD"]),
            Row("set performance_target to STANDARD in dev", ["dev|jobs.marketing_digest.performance_target": "STANDARD",
                                                             "prod|jobs.marketing_digest.performance_target": "-"]),
            Row("the digest should be cost-optimized", ["*|jobs.marketing_digest.performance_target": "STANDARD"]),
            Row("switch the marketing digest to performance-optimized in prod", ["prod|jobs.marketing_digest.performance_target": "PERFORMANCE_OPTIMIZED"]),
        ],
        ExistingClusterIntent.id: [
            // A development target: its cluster_id, for every task.
            Row("use my cluster 0123-456789-abcdefgh in dev", ["raw|targets.dev.cluster_id": "0123-456789-abcdefgh",
                                                              "raw|targets.prod.cluster_id": "-"]),
            Row("run the extract task on the existing cluster 0123-456789-abcdefgh",
                ["*|jobs.sales_sync.tasks[extract].existing_cluster_id": "0123-456789-abcdefgh", "*|jobs.sales_sync.tasks[extract].job_cluster_key": "-",
                 "*|jobs.sales_sync.tasks[load].job_cluster_key": "sync_cluster", "*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers": "4"]),
            Row("run the sales sync on the all-purpose cluster shared_cluster",
                ["*|jobs.sales_sync.tasks[load].existing_cluster_id": "${resources.clusters.shared_cluster.cluster_id}", "*|jobs.sales_sync.job_clusters": "-"]),
            Row("use the existing cluster 0123-456789-abcdefgh for the digest task",
                ["*|jobs.marketing_digest.tasks[digest].existing_cluster_id": "0123-456789-abcdefgh", "*|jobs.marketing_digest.tasks[digest].environment_key": "-"]),
            Row("run the billing job on cluster 0123-456789-abcdefgh",
                ["*|jobs.nightly_billing.tasks[export].existing_cluster_id": "0123-456789-abcdefgh", "*|jobs.nightly_billing.job_clusters": "-"]),
        ],
        NamePrefixIntent.id: [
            // dev is in development mode: the CLI refuses a prefix there without the deploying user.
            Row("add a name prefix [team] to the dev target", ["raw|targets.dev.presets.name_prefix": "[team ${workspace.current_user.short_name}] ", "raw|targets.prod.presets": "-"]),
            Row("prefix resource names with staging_ in prod", ["raw|targets.prod.presets.name_prefix": "staging_"]),
            Row("set name_prefix to 'sales-' for every target", ["raw|presets.name_prefix": "sales-", "raw|targets.dev.presets.name_prefix": "sales-${workspace.current_user.short_name}-", "raw|targets.prod.presets": "-"]),
            Row("prefix all resource names with [sales]", ["raw|presets.name_prefix": "[sales] "]),
            Row("the prod target should prefix names with prod_", ["raw|targets.prod.presets.name_prefix": "prod_", "raw|targets.dev.presets": "-"]),
        ],
        CLIVersionIntent.id: [
            Row("require databricks CLI 0.230.0 or newer", ["raw|bundle.databricks_cli_version": ">= 0.230.0"]),
            Row("pin the CLI version to 0.240.0", ["raw|bundle.databricks_cli_version": "0.240.0"]),
            Row("the bundle needs at least databricks CLI v0.218", ["raw|bundle.databricks_cli_version": ">= 0.218.0"]),
            Row("only allow CLI versions between 0.230.0 and 0.250.0", ["raw|bundle.databricks_cli_version": ">= 0.230.0, <= 0.250.0"]),
            Row("set databricks_cli_version to >= 0.240.0", ["raw|bundle.databricks_cli_version": ">= 0.240.0"]),
        ],
        SyncPathsIntent.id: [
            Row("exclude *.csv from sync", ["raw|sync.exclude": "∋*.csv"]),
            Row("don't upload the data folder", ["raw|sync.exclude": "∋data/", "raw|sync.include": "-"]),
            Row("include dist/*.whl in sync", ["raw|sync.include": "∋dist/*.whl", "raw|sync.exclude": "-"]),
            Row("skip syncing tests/fixtures/ in prod", ["raw|targets.prod.sync.exclude": "∋tests/fixtures/", "raw|sync": "-"]),
            Row("ignore .venv when syncing", ["raw|sync.exclude": "∋.venv"]),
        ],
        DataSecurityModeIntent.id: [
            Row("set the data security mode of the sync cluster to single user", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.data_security_mode": "SINGLE_USER"]),
            Row("use standard access mode on the billing cluster in prod", ["prod|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.data_security_mode": "DATA_SECURITY_MODE_STANDARD",
                                                                           "dev|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.data_security_mode": "-"]),
            Row("make the sales sync cluster a dedicated cluster for ana@example.com", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.data_security_mode": "DATA_SECURITY_MODE_DEDICATED",
                                                                                       "*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.single_user_name": "ana@example.com"]),
            Row("data_security_mode USER_ISOLATION for the billing job", ["*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.data_security_mode": "USER_ISOLATION"]),
            Row("the billing cluster needs unity catalog", ["*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.data_security_mode": "SINGLE_USER", "*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.data_security_mode": "-"]),
        ],
        InitScriptIntent.id: [
            Row("add the init script /Volumes/main/default/scripts/setup.sh to the sync cluster",
                ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.init_scripts": "[{volumes:{destination:/Volumes/main/default/scripts/setup.sh}}]"]),
            Row("run /Workspace/Shared/init/install.sh as an init script on the billing cluster in prod",
                ["prod|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.init_scripts": "[{workspace:{destination:/Workspace/Shared/init/install.sh}}]", "dev|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.init_scripts": "-"]),
            Row("add init script s3://my-bucket/init.sh in us-west-2 to the sales sync",
                ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.init_scripts": "[{s3:{destination:s3://my-bucket/init.sh,region:us-west-2}}]"]),
            Row("add an init script gs://bucket/setup.sh for the billing job", ["*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.init_scripts": "[{gcs:{destination:gs://bucket/setup.sh}}]"]),
            Row("add the init script abfss://scripts@acct.dfs.core.windows.net/init.sh to the billing cluster",
                ["*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.init_scripts": "[{abfss:{destination:abfss://scripts@acct.dfs.core.windows.net/init.sh}}]"]),
        ],
        GitBranchIntent.id: [
            Row("only deploy prod from main", ["raw|targets.prod.git.branch": "main", "raw|targets.dev.git": "-"]),
            Row("deploy prod only from the release branch", ["raw|targets.prod.git.branch": "release"]),
            Row("the bundle should only be deployed from the main branch", ["raw|bundle.git.branch": "main", "raw|targets.prod.git": "-"]),
            Row("set the git branch for dev deployments to develop", ["raw|targets.dev.git.branch": "develop"]),
            Row("git branch main for prod", ["raw|targets.prod.git.branch": "main"]),
        ],
        BundleNameIntent.id: [
            Row("rename the bundle to sales_v2", ["raw|bundle.name": "sales_v2", "*|jobs.sales_sync.name": "Sales Sync"]),
            Row("call the bundle \"sales-analytics\"", ["raw|bundle.name": "sales-analytics"]),
            Row("change the bundle name to revenue", ["raw|bundle.name": "revenue"]),
            Row("the bundle should be named sales_platform", ["raw|bundle.name": "sales_platform"]),
            Row("rename this bundle as sales_core", ["raw|bundle.name": "sales_core"]),
        ],
        ClusterLogIntent.id: [
            Row("set the cluster log destination of the sales sync to /Volumes/main/logs/clusters", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.cluster_log_conf": "{volumes:{destination:/Volumes/main/logs/clusters}}"]),
            Row("deliver the billing cluster logs to s3://acme-logs/billing in us-east-1", ["*|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.cluster_log_conf": "{s3:{destination:s3://acme-logs/billing,region:us-east-1}}"]),
            Row("write the sync cluster's logs to dbfs:/cluster-logs/sync", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.cluster_log_conf": "{dbfs:{destination:dbfs:/cluster-logs/sync}}"]),
            Row("store the billing job logs in /Volumes/main/ops/logs in prod", ["prod|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.cluster_log_conf": "{volumes:{destination:/Volumes/main/ops/logs}}",
                                                                                "dev|jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.cluster_log_conf": "-"]),
            Row("cluster_log_conf /Volumes/main/logs/sync for the sales sync", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.cluster_log_conf": "{volumes:{destination:/Volumes/main/logs/sync}}"]),
        ],
        ClusterDiskIntent.id: [
            Row("increase the EBS volume size of the sales sync cluster to 300", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.aws_attributes":
                                                                                      "{ebs_volume_count:1,ebs_volume_size:300,ebs_volume_type:GENERAL_PURPOSE_SSD}"]),
            Row("give the sync cluster 200 GB disks", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.aws_attributes.ebs_volume_size": "200"]),
            Row("set the disk size of the sales sync cluster to 500gb in prod", ["prod|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.aws_attributes.ebs_volume_size": "500",
                                                                                  "dev|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.aws_attributes": "-"]),
            Row("ebs_volume_size 250 for the sync cluster", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.aws_attributes.ebs_volume_size": "250"]),
            Row("set the ebs volume count of the sync cluster to 2", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.aws_attributes.ebs_volume_count": "2",
                                                                      "*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.aws_attributes.ebs_volume_size": "100"]),
            Row("make the sync cluster's storage 400 GB", ["*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.aws_attributes.ebs_volume_size": "400",
                                                          "*|jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers": "4"]),
        ],
        NewSchemaOrVolumeIntent.id: [
            Row("add a schema called analytics", ["*|schemas.analytics.name": "analytics", "*|schemas.analytics.catalog_name": "main",
                                                  "raw|resources.schemas.analytics.catalog_name": "${var.catalog}"]),
            Row("create a new schema reporting in finance", ["*|schemas.reporting.catalog_name": "finance"]),
            Row("create a volume called raw in main.bronze", ["*|volumes.raw.catalog_name": "main", "*|volumes.raw.schema_name": "bronze",
                                                              "*|volumes.raw.volume_type": "MANAGED"]),
            Row("add an external volume landing in main.raw at s3://acme/landing", ["*|volumes.landing.volume_type": "EXTERNAL",
                                                                                   "*|volumes.landing.storage_location": "s3://acme/landing"]),
            Row("add a schema named scratch with comment Temporary tables", ["*|schemas.scratch.comment": "Temporary tables"]),
        ],
        JobContinuousIntent.id: [
            Row("make the sales sync job continuous", ["*|jobs.sales_sync.continuous.pause_status": "UNPAUSED", "*|jobs.sales_sync.schedule": "-"]),
            Row("run the marketing digest job continuously", ["*|jobs.marketing_digest.continuous.pause_status": "UNPAUSED"]),
            Row("switch the billing job to continuous", ["*|jobs.nightly_billing.continuous.pause_status": "UNPAUSED"]),
            Row("make the marketing digest job continuous in prod", ["prod|jobs.marketing_digest.continuous.pause_status": "UNPAUSED",
                                                                     "dev|jobs.marketing_digest.continuous": "-"]),
            Row("the sales sync job should run continuously", ["*|jobs.sales_sync.continuous.pause_status": "UNPAUSED", "*|jobs.sales_sync.schedule": "-"]),
        ],
        EmailNotificationIntent.id: [
            Row("email ana@example.com when the sales sync fails", ["*|jobs.sales_sync.email_notifications.on_failure": "∋ana@example.com"]),
            Row("stop emailing on success for the marketing digest", ["*|jobs.marketing_digest.email_notifications.on_success": "-",
                                                                      "*|jobs.marketing_digest.email_notifications.on_failure": "∋ops@example.com"]),
            Row("notify data-team@example.com when the billing job succeeds", ["*|jobs.nightly_billing.email_notifications.on_success": "∋data-team@example.com"]),
            Row("send an e-mail to ops@example.com when the sales sync starts", ["*|jobs.sales_sync.email_notifications.on_start": "∋ops@example.com"]),
            Row("remove ops@example.com from the marketing digest failure emails", ["*|jobs.marketing_digest.email_notifications.on_failure": "∌ops@example.com"]),
            // No job named: the only one that e-mails her, on the events it does.
            Row("stop notifying ana@example.com", ["*|jobs.marketing_digest.email_notifications.on_success": "∌ana@example.com",
                                                   "*|jobs.marketing_digest.email_notifications.on_failure": "∋ops@example.com"]),
            Row("stop emailing data-team@example.com", ["*|jobs.sales_sync.email_notifications.on_failure": "∌data-team@example.com"]),
            // Changing the address replaces the recipients of the event, or the one it names.
            Row("change the failure email of the sales sync to ops@example.com", ["*|jobs.sales_sync.email_notifications.on_failure": "[ops@example.com]"]),
            Row("email bo@example.com instead of ana@example.com on success of the marketing digest",
                ["*|jobs.marketing_digest.email_notifications.on_success": "[bo@example.com]", "*|jobs.marketing_digest.email_notifications.on_failure": "[ops@example.com]"]),
            Row("switch the marketing digest success emails from ana@example.com to bo@example.com",
                ["*|jobs.marketing_digest.email_notifications.on_success": "[bo@example.com]", "*|jobs.marketing_digest.email_notifications.on_failure": "[ops@example.com]"]),
        ],
    ]

    func testEveryIntentHasFivePhrasingsWithTheirValues() throws {
        let job = Set(OfflinePlanner.intents.map { $0.id })
        // Intents about kinds of resources the sales bundle has none of are phrased in a test of their own.
        let phrasedElsewhere = [AppResourceIntent.id: "AppResourceTests", ServingEndpointIntent.id: "ServingAndWarehouseTests",
                                SQLWarehouseSettingsIntent.id: "ServingAndWarehouseTests", TaskArgumentsIntent.id: "TaskArgumentsTests",
                                EnvironmentsToTargetsIntent.id: "PublicBundleTrial50Tests", IncludeIntent.id: "PublicBundleTrial50Tests",
                                AlertThresholdIntent.id: "PublicBundleTrial50Tests", DatabaseInstanceCapacityIntent.id: "PublicBundleTrial63Tests",
                                ForEachConcurrencyIntent.id: "PublicBundleTrial63Tests",
                                AppEnvironmentIntent.id: "AppEnvironmentTests"]
        for id in job where Self.table[id] == nil && !id.hasPrefix("pipeline") && phrasedElsewhere[id] == nil {
            XCTFail("no phrasings for \(id)")
        }
        let bundle = try SalesBundle.load()
        for (id, rows) in Self.table.sorted(by: { $0.key < $1.key }) {
            XCTAssertGreaterThanOrEqual(rows.count, 5, id)
            for row in rows {
                let (outcome, intent) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(row.request)), session: nil)
                XCTAssertEqual(intent, id, "\"\(row.request)\" reached \(intent ?? "nothing")")
                guard case .plan(let plan) = outcome else {
                    XCTFail("\"\(row.request)\": \(outcome)")
                    continue
                }
                var files = SalesBundle.files
                for (file, text) in try plan.contents ?? OfflinePlanner.apply(plan, read: { files[$0]! }) { files[file] = text }
                for file in plan.removedFiles { files[file] = nil }
                let edited = try SalesBundle.load(files)
                for (key, expected) in row.expect {
                    let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
                    let targets = parts[0] == "*" ? ["dev", "prod"] : [parts[0]]
                    for target in targets {
                        let root: YAMLNode? = target == "raw"
                            ? YAMLNode(.mapping(edited.configuration), at: SourceLocation(file: "", line: 1, column: 1))
                            : edited.effectiveConfiguration(target: target).configuration["resources"]
                        let actual = Self.value(at: parts[1], in: root)
                        XCTAssertTrue(Self.matches(actual, expected), "\"\(row.request)\" [\(target)] \(parts[1]): expected \(expected), got \(actual ?? "-")")
                    }
                }
                let report = try ValidationRequest(targets: .all).run(source: InMemoryFileSource(texts: files))
                XCTAssertEqual(report.errors, 0, "\"\(row.request)\": \(report.diagnostics.filter { $0.severity == .error }.map(\.summary))")
            }
        }
    }

    static func matches(_ actual: String?, _ expected: String) -> Bool {
        if expected == "-" { return actual == nil }
        if expected.hasPrefix("∋") { return actual.map { items($0).contains(String(expected.dropFirst())) } ?? false }
        if expected.hasPrefix("∌") { return !(actual.map { items($0).contains(String(expected.dropFirst())) } ?? false) }
        return actual == expected
    }

    /// The items of a rendered list, each as rendered; a mapping's `id` stands for it too (webhooks).
    static func items(_ rendered: String) -> [String] {
        guard rendered.hasPrefix("["), rendered.hasSuffix("]") else { return [rendered] }
        var out: [String] = []
        var depth = 0
        var current = ""
        for c in rendered.dropFirst().dropLast() {
            if c == "," && depth == 0 { out.append(current); current = ""; continue }
            if c == "{" || c == "[" { depth += 1 }
            if c == "}" || c == "]" { depth -= 1 }
            current.append(c)
        }
        if !current.isEmpty { out.append(current) }
        return out + out.compactMap { $0.hasPrefix("{id:") && $0.hasSuffix("}") ? String($0.dropFirst(4).dropLast()) : nil }
    }

    static func value(at path: String, in root: YAMLNode?) -> String? {
        var node = root
        for component in path.split(separator: ".") {
            var name = String(component)
            var selector: String?
            if let open = name.firstIndex(of: "["), name.hasSuffix("]") {
                selector = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
                name = String(name[..<open])
            }
            node = node?[name]
            if let selector {
                node = node?.sequence?.first { item in
                    ["task_key", "job_cluster_key", "environment_key", "name", "label"].contains { item[$0]?.string == selector }
                }
            }
            if node == nil { return nil }
        }
        return node.map(render)
    }

    static func render(_ node: YAMLNode) -> String {
        switch node.kind {
        case .scalar(let s): return s.text
        case .sequence(let items): return "[" + items.map(render).joined(separator: ",") + "]"
        case .mapping(let m): return "{" + m.entries.sorted { $0.key < $1.key }.map { "\($0.key):\(render($0.value))" }.joined(separator: ",") + "}"
        }
    }

    /// wanderbricks: "# Daily at 3 AM" beside the old expression goes with it.
    func testANewScheduleTakesTheOldOnesCommentAway() throws {
        var files = SalesBundle.files
        files["resources/sales_sync.job.yml"] = files["resources/sales_sync.job.yml"]!.replacingOccurrences(
            of: "quartz_cron_expression: 0 0 2 * * ?", with: "quartz_cron_expression: 0 0 2 * * ? # nightly at 2")
        XCTAssertTrue(files["resources/sales_sync.job.yml"]!.contains("# nightly at 2"))
        let (_, written) = try InMemoryPlanning.outcome("run the sales sync every 2 hours", on: files)
        XCTAssertTrue(written["resources/sales_sync.job.yml"]!.contains("quartz_cron_expression: 0 0 0/2 * * ?\n"), written["resources/sales_sync.job.yml"]!)
        XCTAssertFalse(written["resources/sales_sync.job.yml"]!.contains("nightly at 2"))
    }
}
