//go:build tools

// Package tools records the one binary this module exists to build: the
// kustomize CLI, the validate stage's reference render for plain kustomize.
package tools

import _ "sigs.k8s.io/kustomize/kustomize/v5"
