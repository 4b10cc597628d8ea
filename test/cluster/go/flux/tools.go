//go:build tools

// Package tools records the one binary this module exists to build: the flux
// CLI, whose `flux build kustomization` is the validate stage's reference render.
package tools

import _ "github.com/fluxcd/flux2/v2/cmd/flux"
