// Checks the deployment files with the parsers their tools use: compose.yaml through compose-go (the
// Compose specification's reference library: schema, interpolation, consistency), for every profile,
// plus what the platform asks of it; every Terraform file through hashicorp/hcl, Terraform's parser.
//
// Usage: cd .ci/deploy-check && go run . ../..   (the argument: the repository's top)
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
)

// The apps, each an image of ours; the sides run twice behind the gateway.
var apps = map[string][]string{
	"command-side": {"command-side-1", "command-side-2"},
	"query-side":   {"query-side-1", "query-side-2"},
	"sagas":        {"sagas"},
	"gateway":      {"gateway"},
}

var profiles = [][]string{nil, {"observability"}, {"analytics"}, {"observability", "analytics"}}

func main() {
	root := "."
	if len(os.Args) > 1 {
		root = os.Args[1]
	}
	var problems []string
	for _, active := range profiles {
		project, err := load(root, active)
		if err != nil {
			problems = append(problems, fmt.Sprintf("compose.yaml with profiles %v: %v", active, err))
			continue
		}
		if len(active) == 2 {
			problems = append(problems, checkCompose(root, project)...)
		}
	}
	problems = append(problems, checkTerraform(filepath.Join(root, "terraform"))...)
	for _, p := range problems {
		fmt.Fprintln(os.Stderr, "deploy-check:", p)
	}
	if len(problems) > 0 {
		os.Exit(1)
	}
	fmt.Println("deploy-check: compose.yaml valid for every profile, Terraform files parsed")
}

// load parses compose.yaml as `docker compose --profile ... config` would: schema validation,
// interpolation, normalization and the consistency check, with no variable of this machine set.
func load(root string, active []string) (*types.Project, error) {
	options, err := cli.NewProjectOptions([]string{filepath.Join(root, "compose.yaml")},
		cli.WithWorkingDirectory(root),
		cli.WithEnv([]string{}),
		cli.WithProfiles(active),
		cli.WithResolvedPaths(true),
		cli.WithInterpolation(true),
		cli.WithNormalization(true),
		cli.WithConsistency(true))
	if err != nil {
		return nil, err
	}
	return options.LoadProject(context.Background())
}

// checkCompose asserts what the platform asks of the stack, on the project with every profile on.
func checkCompose(root string, project *types.Project) []string {
	var problems []string
	fail := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	for name, service := range project.Services {
		healthy := service.HealthCheck != nil && !service.HealthCheck.Disable && len(service.HealthCheck.Test) > 0
		if !healthy && !oneShot(service) {
			fail("service %s has no health check and is not a one-shot (restart \"no\" or on-failure)", name)
		}
		if healthy && oneShot(service) {
			fail("one-shot service %s has a health check: nothing would wait for its completion", name)
		}
		for target, dependency := range service.DependsOn {
			other, ok := project.Services[target]
			if !ok {
				fail("service %s depends on unknown service %s", name, target)
				continue
			}
			switch dependency.Condition {
			case types.ServiceConditionHealthy:
				if other.HealthCheck == nil || other.HealthCheck.Disable {
					fail("service %s waits for %s to be healthy, which has no health check", name, target)
				}
			case types.ServiceConditionCompletedSuccessfully:
				if !oneShot(other) {
					fail("service %s waits for %s to complete, which is not a one-shot", name, target)
				}
			default:
				fail("service %s depends on %s with condition %q, not service_healthy or service_completed_successfully",
					name, target, dependency.Condition)
			}
		}
		if !strings.Contains(service.Image, "${") && !ours(service.Image) {
			if tag := imageTag(service.Image); tag == "" || tag == "latest" {
				fail("service %s: image %q is not pinned to a version", name, service.Image)
			}
		}
		for _, volume := range service.Volumes {
			switch volume.Type {
			case types.VolumeTypeBind:
				if _, err := os.Stat(volume.Source); err != nil {
					fail("service %s mounts %s, which does not exist", name, relative(root, volume.Source))
				}
			case types.VolumeTypeVolume:
				if _, declared := project.Volumes[volume.Source]; !declared {
					fail("service %s mounts volume %s, which is not a named volume", name, volume.Source)
				}
			}
		}
	}

	for module, instances := range apps {
		for _, name := range instances {
			service, ok := project.Services[name]
			if !ok {
				fail("service %s (%s) is missing", name, module)
				continue
			}
			if !strings.Contains(service.Image, "/"+module+":") {
				fail("service %s runs %q, not the %s image", name, service.Image, module)
			}
			if profiles := service.Environment["SPRING_PROFILES_ACTIVE"]; profiles == nil || *profiles != "axonserver,vault" {
				fail("service %s does not run with SPRING_PROFILES_ACTIVE=axonserver,vault", name)
			}
			if len(service.Profiles) > 0 {
				fail("app %s is behind profiles %v: a plain `docker compose up` must run it", name, service.Profiles)
			}
		}
	}
	gateway := project.Services["gateway"]
	if !slices.ContainsFunc(gateway.Ports, func(p types.ServicePortConfig) bool {
		return p.Published == "8080" && p.Target == 8080
	}) {
		fail("gateway is not published on port 8080")
	}
	for _, instance := range slices.Concat(apps["command-side"], apps["query-side"]) {
		found := false
		for _, value := range gateway.Environment {
			found = found || (value != nil && strings.Contains(*value, "http://"+instance+":"))
		}
		if !found {
			fail("the gateway does not know instance %s", instance)
		}
	}
	for _, name := range []string{"prometheus", "grafana", "elasticsearch", "kibana"} {
		if !slices.Contains(project.Services[name].Profiles, "observability") {
			fail("service %s is not in the observability profile", name)
		}
	}
	for _, name := range []string{"kafka-connect", "connect-register"} {
		if !slices.Contains(project.Services[name].Profiles, "analytics") {
			fail("service %s is not in the analytics profile", name)
		}
	}
	if command := strings.Join(project.Services["postgres"].Command, " "); !strings.Contains(command, "wal_level=logical") {
		fail("postgres does not run with wal_level=logical")
	}
	return problems
}

// A one-shot service runs to completion: it is not restarted once it has succeeded.
func oneShot(service types.ServiceConfig) bool {
	return service.Restart == "no" || strings.HasPrefix(service.Restart, "on-failure")
}

func ours(image string) bool {
	for module := range apps {
		if strings.Contains(image, "/"+module+":") {
			return true
		}
	}
	return false
}

var digest = regexp.MustCompile(`@sha256:[0-9a-f]{64}$`)

func imageTag(image string) string {
	if digest.MatchString(image) {
		return "digest"
	}
	name := image[strings.LastIndex(image, "/")+1:]
	if i := strings.LastIndex(name, ":"); i >= 0 {
		return name[i+1:]
	}
	return ""
}

func relative(root, path string) string {
	absolute, _ := filepath.Abs(root)
	if rel, err := filepath.Rel(absolute, path); err == nil {
		return rel
	}
	return path
}

// checkTerraform parses every .tf and .tfvars file under dir with Terraform's own HCL parser.
func checkTerraform(dir string) []string {
	var problems []string
	parser := hclparse.NewParser()
	files := 0
	err := filepath.WalkDir(dir, func(path string, entry os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if entry.IsDir() && entry.Name() == ".terraform" {
			return filepath.SkipDir
		}
		if entry.IsDir() || !(strings.HasSuffix(path, ".tf") || strings.HasSuffix(path, ".tfvars")) {
			return nil
		}
		files++
		var diagnostics hcl.Diagnostics
		if _, diagnostics = parser.ParseHCLFile(path); diagnostics.HasErrors() {
			for _, d := range diagnostics.Errs() {
				problems = append(problems, d.Error())
			}
		}
		return nil
	})
	if err != nil {
		problems = append(problems, err.Error())
	} else if files == 0 {
		problems = append(problems, "no Terraform file under "+dir)
	}
	return problems
}
