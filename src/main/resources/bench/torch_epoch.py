"""One timed epoch of dense training in PyTorch, the peer of `prune bench`.

The loop is the one of the shared peer torch_imp.py (random permutation, index the batch,
zero_grad, cross-entropy, backward, SGD step); the networks are Prune's lenet_300_100 and lenet5.
Usage: torch_epoch.py --data DIR --model lenet_300_100|lenet5 --batch B --limit N --warmup W --threads T
Prints the wall and CPU seconds of the timed epoch.
"""
import argparse, gzip, struct, time
import numpy as np
import torch, torch.nn as nn

def idx(path):
    with gzip.open(path, "rb") as f:
        nd = struct.unpack(">I", f.read(4))[0] & 0xFF
        dims = struct.unpack(">" + "I" * nd, f.read(4 * nd))
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)

ap = argparse.ArgumentParser()
ap.add_argument("--data", required=True)
ap.add_argument("--model", default="lenet_300_100")
ap.add_argument("--batch", type=int, default=60)
ap.add_argument("--limit", type=int, default=60000)
ap.add_argument("--warmup", type=int, default=20)
ap.add_argument("--threads", type=int, default=1)
ap.add_argument("--lr", type=float, default=0.05)
a = ap.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(1)
x = torch.tensor(idx(f"{a.data}/train-images-idx3-ubyte.gz")[: a.limit].reshape(-1, 784), dtype=torch.float32) / 255.0
y = torch.tensor(idx(f"{a.data}/train-labels-idx1-ubyte.gz")[: a.limit], dtype=torch.long)
if a.model == "lenet5":
    x = x.reshape(-1, 1, 28, 28)
    net = nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
else:
    net = nn.Sequential(nn.Linear(784, 300), nn.ReLU(), nn.Linear(300, 100), nn.ReLU(), nn.Linear(100, 10))
opt = torch.optim.SGD(net.parameters(), lr=a.lr)

def step(b):
    opt.zero_grad()
    nn.functional.cross_entropy(net(x[b]), y[b]).backward()
    opt.step()

perm = torch.randperm(len(x))
for i in range(a.warmup):
    step(perm[i * a.batch % len(x):][: a.batch])
t, c = time.perf_counter(), time.process_time()
perm = torch.randperm(len(x))
for i in range(0, len(x), a.batch):
    step(perm[i : i + a.batch])
print(f"{time.perf_counter() - t:.4f} {time.process_time() - c:.4f}")
