// Command etcd is the real etcd server (go.etcd.io/etcd/server/v3), built here
// because that module cannot be installed with `go install` (it has replace lines).
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
