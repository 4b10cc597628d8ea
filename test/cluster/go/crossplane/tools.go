//go:build tools

// Package tools records the one binary this module exists to build.
package tools

import _ "github.com/crossplane/crossplane/v2/cmd/crossplane"
