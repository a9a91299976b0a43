//go:build js && wasm

// Ferry's Go template engine: Go text/template with Sprig, compiled to WebAssembly and
// called from Node.js (src/templates/go-runtime.ts). One function is exported on the
// JavaScript global object:
//
//	__ferryGoTemplate(requestJSON) -> responseJSON
//
// request:  {"template": "...", "data": <any JSON>, "options": ["missingkey=error"], "funcs": "argocd"|"sprig", "name": "base"}
// response: {"output": "..."} or {"error": "...", "phase": "parse"|"execute"|"request"}
//
// The "argocd" function set is Argo CD's (applicationset/utils): Sprig's generic
// functions without env, expandenv and getHostByName, plus normalize, slugify, toYaml,
// fromYaml, fromYamlArray and tpl. "sprig" is Sprig without env, expandenv and
// getHostByName: a template must never read the controller's environment.
package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"syscall/js"
	"text/template"
	_ "time/tzdata" // dateInZone and friends work without a zoneinfo folder

	"github.com/Masterminds/sprig/v3"
	"github.com/gosimple/slug"
	"sigs.k8s.io/yaml"
)

type request struct {
	Template string   `json:"template"`
	Data     any      `json:"data"`
	Options  []string `json:"options"`
	Funcs    string   `json:"funcs"`
	Name     string   `json:"name"`
}

type response struct {
	Output string `json:"output"`
	Error  string `json:"error,omitempty"`
	Phase  string `json:"phase,omitempty"`
}

const tplMaxRecursionDepth = 3

func safeFuncs() template.FuncMap {
	funcs := sprig.GenericFuncMap()
	// Avoid allowing the user to learn things about the environment.
	delete(funcs, "env")
	delete(funcs, "expandenv")
	delete(funcs, "getHostByName")
	return funcs
}

func argoFuncs() template.FuncMap {
	funcs := safeFuncs()
	funcs["normalize"] = sanitizeName
	funcs["slugify"] = slugifyName
	funcs["toYaml"] = toYAML
	funcs["fromYaml"] = fromYAML
	funcs["fromYamlArray"] = fromYAMLArray
	return funcs
}

var (
	argoBase  = template.New("base").Funcs(argoFuncs())
	sprigBase = template.New("base").Funcs(safeFuncs())
)

func main() {
	js.Global().Set("__ferryGoTemplate", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) != 1 {
			return encode(response{Error: "expected one argument (the request as JSON)", Phase: "request"})
		}
		return encode(render(args[0].String()))
	}))
	select {}
}

func encode(r response) string {
	out, err := json.Marshal(r)
	if err != nil {
		return `{"error":"cannot encode the response","phase":"request"}`
	}
	return string(out)
}

func render(raw string) (res response) {
	defer func() {
		if r := recover(); r != nil {
			res = response{Error: fmt.Sprint(r), Phase: "execute"}
		}
	}()
	var req request
	if err := json.Unmarshal([]byte(raw), &req); err != nil {
		return response{Error: err.Error(), Phase: "request"}
	}
	base := argoBase
	if req.Funcs == "sprig" {
		base = sprigBase
	}
	t, err := base.Clone()
	if err != nil {
		return response{Error: err.Error(), Phase: "request"}
	}
	if req.Name != "" && req.Name != "base" {
		t = t.New(req.Name)
	}
	for _, option := range req.Options {
		t = t.Option(option)
	}
	if req.Funcs != "sprig" {
		t = t.Funcs(template.FuncMap{"tpl": tplFunc(t)})
	}
	parsed, err := t.Parse(req.Template)
	if err != nil {
		return response{Error: err.Error(), Phase: "parse"}
	}
	var out strings.Builder
	if err := parsed.Execute(&out, req.Data); err != nil {
		return response{Error: err.Error(), Phase: "execute"}
	}
	return response{Output: out.String()}
}

// The functions below are Argo CD's (applicationset/utils/template_functions.go and
// utils.go, v3.6.1), so templates behave the same.

func sanitizeName(name string) string {
	invalidDNSNameChars := regexp.MustCompile("[^-a-z0-9.]")
	maxDNSNameLength := 253
	name = strings.ToLower(name)
	name = invalidDNSNameChars.ReplaceAllString(name, "-")
	if len(name) > maxDNSNameLength {
		name = name[:maxDNSNameLength]
	}
	return strings.Trim(name, "-.")
}

func slugifyName(args ...any) string {
	maxSize := 50
	enableSmartTruncate := true
	name := ""
	for idx, arg := range args {
		switch idx {
		case len(args) - 1:
			name = arg.(string)
		case 0:
			maxSize = arg.(int)
		case 1:
			enableSmartTruncate = arg.(bool)
		}
	}
	slug.EnableSmartTruncate = enableSmartTruncate
	slug.MaxLength = maxSize
	return slug.Make(sanitizeName(name))
}

func toYAML(v any) (string, error) {
	data, err := yaml.Marshal(v)
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(string(data), "\n"), nil
}

func fromYAML(str string) (map[string]any, error) {
	m := map[string]any{}
	if err := yaml.Unmarshal([]byte(str), &m); err != nil {
		return nil, err
	}
	return m, nil
}

func fromYAMLArray(str string) ([]any, error) {
	a := []any{}
	if err := yaml.Unmarshal([]byte(str), &a); err != nil {
		return nil, err
	}
	return a, nil
}

func tplFunc(parent *template.Template) func(string, any) (string, error) {
	callDepth := 0
	return func(tpl string, vals any) (string, error) {
		callDepth++
		defer func() { callDepth-- }()
		if callDepth > tplMaxRecursionDepth {
			return "", fmt.Errorf("maximum recursion depth %d exceeded in tpl function", tplMaxRecursionDepth)
		}
		t, err := parent.Clone()
		if err != nil {
			return "", fmt.Errorf("cannot clone template: %w", err)
		}
		t, err = t.New(parent.Name()).Parse(tpl)
		if err != nil {
			return "", fmt.Errorf("cannot parse template %q: %w", tpl, err)
		}
		var buf strings.Builder
		if err := t.Execute(&buf, vals); err != nil {
			return "", fmt.Errorf("error during tpl function execution for %q: %w", tpl, err)
		}
		return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
	}
}
