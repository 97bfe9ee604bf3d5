"""The PyTorch peer of `prune bench` and of the measured tables in docs/: Prune's networks in PyTorch.

Timing (what `prune bench` runs): one timed epoch of dense training after a few warm-up steps;
prints the BLAS kernel (a line "blas OpenBLAS 0.3.21 Zen", or "blas unknown"), then the wall and CPU
seconds of that epoch.
    torch_epoch.py --data DIR --model M --batch B --limit N --warmup W --threads T

Accuracy (a protocol run side by side with a Prune recipe): --epochs E trains E epochs and prints
one line per epoch, "epoch test_accuracy train_loss cpu_seconds".
    torch_epoch.py --data DIR --model resnet20 --epochs 5 --limit 10000 --batch 128 \
        --lr 0.05 --momentum 0.9 --wd 1e-4 --schedule cosine --seed 1

The loop is the one of the shared peer torch_imp.py (random permutation, index the batch,
zero_grad, cross-entropy, backward, SGD step). The networks are built as Prune builds them:
- lenet_300_100, lenet5: Prune's sequential models;
- resnet20/32/44/56/110: He et al. 2016's CIFAR ResNet, 16-32-64 channels, 3x3 convolutions
  without bias, batch norm, option-A shortcuts whose added channels are zeros appended after the
  input's (as Prune's graph concatenates them), global average pooling, one dense layer;
- vgg11/13/16/19: the CIFAR VGG with batch norm, global average pooling and one dense layer.
Initialisation follows Prune: He-normal (std sqrt(2 / fan_in)) for the convolutional networks'
weights, DL4J's XAVIER (normal, variance 2 / (fan_in + fan_out)) for the LeNets; biases zero;
BN gamma 1, beta 0, momentum 0.1, eps 1e-5. SGD with momentum is Nesterov momentum, the only
momentum DL4J has; weight decay is L2 on weights only (not biases, not BN), as Prune applies it.
"""
import argparse, ctypes, gzip, math, struct, time
import numpy as np
import torch, torch.nn as nn
import torch.nn.functional as F


def blas_kernel():
    """The BLAS library torch loaded and the kernel it chose for this CPU, read from the library itself
    (OpenBLAS's openblas_get_config and openblas_get_corename), or "unknown"."""
    try:
        with open("/proc/self/maps") as maps:
            libs = sorted({line.split()[-1] for line in maps if "openblas" in line.lower() and ".so" in line})
        for lib in libs:
            so = ctypes.CDLL(lib)
            so.openblas_get_config.restype = ctypes.c_char_p
            so.openblas_get_corename.restype = ctypes.c_char_p
            config = so.openblas_get_config().decode().split()
            return f"{' '.join(config[:2])} {so.openblas_get_corename().decode()}"
    except (OSError, AttributeError, IndexError):
        pass
    return "unknown"


def idx(path):
    with gzip.open(path, "rb") as f:
        nd = struct.unpack(">I", f.read(4))[0] & 0xFF
        dims = struct.unpack(">" + "I" * nd, f.read(4 * nd))
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.c1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.b1 = nn.BatchNorm2d(cout)
        self.c2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.b2 = nn.BatchNorm2d(cout)
        self.extra = cout - cin

    def forward(self, x):
        out = self.b2(self.c2(F.relu(self.b1(self.c1(x)))))
        short = x
        if self.extra:
            short = F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, 0, self.extra))
        return F.relu(out + short)


def resnet(depth, channels):
    n = (depth - 2) // 6
    layers = [nn.Conv2d(channels, 16, 3, 1, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU()]
    cin = 16
    for stage, cout in enumerate((16, 32, 64)):
        for b in range(n):
            layers.append(Block(cin, cout, 2 if stage > 0 and b == 0 else 1))
            cin = cout
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10)]
    return nn.Sequential(*layers)


VGG = {11: [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512],
       13: [64, 64, "M", 128, 128, "M", 256, 256, "M", 512, 512, "M", 512, 512],
       16: [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512],
       19: [64, 64, "M", 128, 128, "M", 256, 256, 256, 256, "M", 512, 512, 512, 512, "M", 512, 512, 512, 512]}


def vgg(depth, channels):
    layers, cin = [], channels
    for v in VGG[depth]:
        if v == "M":
            layers.append(nn.MaxPool2d(2))
        else:
            layers += [nn.Conv2d(cin, v, 3, 1, 1, bias=False), nn.BatchNorm2d(v), nn.ReLU()]
            cin = v
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(512, 10)]
    return nn.Sequential(*layers)


def build(name):
    if name == "lenet5":
        return nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                             nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                             nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10)), "xavier"
    if name.startswith("resnet"):
        return resnet(int(name[6:]), 1), "he"
    if name.startswith("vgg"):
        return vgg(int(name[3:]), 1), "he"
    return nn.Sequential(nn.Linear(784, 300), nn.ReLU(), nn.Linear(300, 100), nn.ReLU(), nn.Linear(100, 10)), "xavier"


def initialise(net, scheme):
    for m in net.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            fan_out, fan_in = m.weight.shape[0], m.weight[0].numel()
            receptive = m.weight[0, 0].numel()
            std = math.sqrt(2.0 / fan_in) if scheme == "he" else math.sqrt(2.0 / (fan_in + fan_out * receptive))
            nn.init.normal_(m.weight, 0.0, std)
            if m.bias is not None:
                nn.init.zeros_(m.bias)


def augment(xb, crop, flip, gen):
    if crop:
        n, _, h, w = xb.shape
        padded = F.pad(xb, (crop, crop, crop, crop))
        dy = torch.randint(0, 2 * crop + 1, (n,), generator=gen)
        dx = torch.randint(0, 2 * crop + 1, (n,), generator=gen)
        xb = torch.stack([padded[i, :, dy[i]:dy[i] + h, dx[i]:dx[i] + w] for i in range(n)])
    if flip:
        mask = torch.rand(xb.shape[0], generator=gen) < 0.5
        xb = torch.where(mask[:, None, None, None], xb.flip(3), xb)
    return xb


ap = argparse.ArgumentParser()
ap.add_argument("--data", required=True)
ap.add_argument("--model", default="lenet_300_100")
ap.add_argument("--batch", type=int, default=60)
ap.add_argument("--limit", type=int, default=60000)
ap.add_argument("--test-limit", type=int, default=10000)
ap.add_argument("--warmup", type=int, default=20)
ap.add_argument("--threads", type=int, default=1)
ap.add_argument("--lr", type=float, default=0.05)
ap.add_argument("--momentum", type=float, default=0.0)
ap.add_argument("--wd", type=float, default=0.0)
ap.add_argument("--epochs", type=int, default=0, help="train this many epochs and print test accuracy")
ap.add_argument("--seed", type=int, default=1)
ap.add_argument("--crop", type=int, default=0)
ap.add_argument("--flip", action="store_true")
ap.add_argument("--schedule", choices=["constant", "cosine"], default="constant",
                help="cosine: Prune's lr cosine(lr), half a cosine per iteration from lr to 0 over all epochs")
a = ap.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(a.seed)
flat = a.model == "lenet_300_100"


def load(prefix, limit):
    x = torch.tensor(idx(f"{a.data}/{prefix}-images-idx3-ubyte.gz")[:limit], dtype=torch.float32) / 255.0
    y = torch.tensor(idx(f"{a.data}/{prefix}-labels-idx1-ubyte.gz")[:limit], dtype=torch.long)
    return (x.reshape(-1, 784) if flat else x.reshape(-1, 1, 28, 28)), y


x, y = load("train", a.limit)
net, scheme = build(a.model)
if a.epochs:
    initialise(net, scheme)
decayed = [p for n, p in net.named_parameters() if p.dim() > 1]
kept = [p for n, p in net.named_parameters() if p.dim() <= 1]
opt = torch.optim.SGD([{"params": decayed, "weight_decay": a.wd}, {"params": kept, "weight_decay": 0.0}],
                      lr=a.lr, momentum=a.momentum, nesterov=a.momentum > 0)
gen = torch.Generator().manual_seed(a.seed)


iteration = 0
total = a.epochs * ((len(x) + a.batch - 1) // a.batch)


def step(b):
    global iteration
    if a.schedule == "cosine":
        for g in opt.param_groups:
            g["lr"] = a.lr * (1 + math.cos(math.pi * min(1.0, iteration / max(1, total)))) / 2
    iteration += 1
    xb = x[b]
    if a.crop or a.flip:
        xb = augment(xb, a.crop, a.flip, gen)
    opt.zero_grad()
    loss = F.cross_entropy(net(xb), y[b])
    loss.backward()
    opt.step()
    return loss.item()


if a.epochs:
    tx, ty = load("t10k", a.test_limit)
    for epoch in range(1, a.epochs + 1):
        net.train()
        c = time.process_time()
        perm = torch.randperm(len(x))
        losses = [step(perm[i: i + a.batch]) for i in range(0, len(x), a.batch)]
        cpu = time.process_time() - c
        net.eval()
        with torch.no_grad():
            correct = sum((net(tx[i: i + 1000]).argmax(1) == ty[i: i + 1000]).sum().item()
                          for i in range(0, len(tx), 1000))
        print(f"{epoch} {correct / len(tx):.4f} {sum(losses) / len(losses):.4f} {cpu:.2f}", flush=True)
else:
    perm = torch.randperm(len(x))
    for i in range(a.warmup):
        step(perm[i * a.batch % len(x):][: a.batch])
    t, c = time.perf_counter(), time.process_time()
    perm = torch.randperm(len(x))
    for i in range(0, len(x), a.batch):
        step(perm[i: i + a.batch])
    print(f"blas {blas_kernel()}")
    print(f"{time.perf_counter() - t:.4f} {time.process_time() - c:.4f}")
